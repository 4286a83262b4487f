package social.hearth.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.hearth.testing.FedifyPeer;
import social.hearth.testing.TestHearth;

/** A Hearth in authorized-fetch mode still federates with Fedify: keys stay public, everything else is signed. */
class FedifyAuthorizedFetchTest {

  static TestHearth hearth;
  static FedifyPeer peer;

  @BeforeAll
  static void start() throws Exception {
    hearth = TestHearth.start(Map.of("HEARTH_AUTHORIZED_FETCH", "true"));
    peer = FedifyPeer.start("127.0.0.12");
  }

  @AfterAll
  static void stop() throws Exception {
    if (peer != null) {
      peer.close();
    }
    if (hearth != null) {
      hearth.close();
    }
  }

  @Test
  void fedifyUsersJoinAndReceiveReSharesFromAnAuthorizedFetchServer() throws Exception {
    String group = hearth.createCommunity("secure", "Secure");
    String handle = "acct:secure@" + URI.create(hearth.base).getAuthority();
    peer.follow("alice", handle, hearth.base);
    peer.follow("bob", handle, hearth.base);
    assertEquals(1, peer.received("alice", "Accept", 1, Duration.ofSeconds(20)).size());
    assertEquals(1, peer.received("bob", "Accept", 1, Duration.ofSeconds(20)).size());
    assertEquals(401, hearth.get(group + "/followers", "application/activity+json").statusCode(), "unsigned fetches are refused");

    String noteId = peer.post("alice", group, "<p>locked but friendly</p>", "public").get("noteId").asText();
    List<JsonNode> announces = peer.received("bob", "Announce", 1, Duration.ofSeconds(20));
    assertEquals(noteId, announces.get(0).get("object").asText());
  }
}
