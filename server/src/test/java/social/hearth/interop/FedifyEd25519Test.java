package social.hearth.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.hearth.testing.FedifyPeer;
import social.hearth.testing.TestHearth;

/**
 * Fedify (2.3.6) and the community's Ed25519 key: Fedify looks the keyid of an RFC 9421 signature up among an
 * actor's {@code publicKey}s only, never among its {@code assertionMethod} Multikeys, so it refuses a delivery
 * signed with the Multikey. A Fedify server wrongly believed to accept them still gets every activity (signed
 * with RSA after the refusal) and RSA from then on.
 */
class FedifyEd25519Test {

  static TestHearth hearth;
  static FedifyPeer peer;
  static String handle;
  static String host;

  @BeforeAll
  static void start() throws Exception {
    hearth = TestHearth.start();
    peer = FedifyPeer.start("127.0.0.14");
    hearth.createCommunity("keys", "Keys");
    handle = "acct:keys@" + URI.create(hearth.base).getAuthority();
    host = URI.create(peer.origin).getAuthority();
    // as if the peer had advertised Ed25519 signatures, before anything is delivered to it
    hearth.sql("INSERT INTO hosts (host, ed25519_signatures) VALUES ($1, true)", host);
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
  @org.junit.jupiter.api.Timeout(120)
  void aFedifyServerRefusesTheEd25519SignatureAndGetsTheAcceptSignedWithRsa() throws Exception {
    JsonNode follow = peer.follow("alice", handle, hearth.base);
    List<JsonNode> accepts = peer.received("alice", "Accept", 1, Duration.ofSeconds(20));
    assertEquals(1, accepts.size(), "alice received one Accept that Fedify verified");
    assertEquals(follow.get("followId").asText(), accepts.get(0).get("object").get("id").asText());
    // the peer has the Accept as soon as Hearth's request reached it; Hearth records the delivery as done only after
    // it remembered the refusal, so the test waits for that (and fails by its timeout if it never comes)
    while (hearth.sql("SELECT 1 FROM deliveries WHERE host = $1 AND state = 'pending'", host).size() > 0) {
      Thread.sleep(20);
    }
    assertEquals(Boolean.FALSE, hearth.sql("SELECT ed25519_signatures FROM hosts WHERE host = $1", host).get(0).getBoolean(0),
        "the refusal is remembered");

    peer.follow("bob", handle, hearth.base);
    assertEquals(1, peer.received("bob", "Accept", 1, Duration.ofSeconds(20)).size());
  }
}
