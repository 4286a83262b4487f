package social.hearth.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.hearth.testing.FedifyPeer;
import social.hearth.testing.TestHearth;

/**
 * Quotes on the community's terms against Fedify 2.3.6, which has FEP-044f's vocabulary: a Fedify user asks to quote
 * something a community authored and receives, signed and verified, Accept with a QuoteAuthorization stamp that
 * Fedify itself fetches and reads, or Reject when the community lets nobody (or only its members) quote it.
 */
class FedifyQuotesTest {

  static TestHearth hearth;
  static FedifyPeer peer;

  @BeforeAll
  static void start() throws Exception {
    hearth = TestHearth.start();
    peer = FedifyPeer.start("127.0.0.33");
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

  static JsonNode answerTo(String user, String requestId) throws Exception {
    for (int i = 0; i < 200; i++) {
      for (String type : List.of("Accept", "Reject")) {
        for (JsonNode a : peer.received(user, type, 0, Duration.ZERO)) {
          if (requestId.equals(a.path("object").path("id").asText())) {
            return a;
          }
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("Fedify verified no answer to " + requestId);
  }

  @Test
  void aFedifyUserAsksToQuoteACommunityPostAndReceivesAStampFedifyCanRead() throws Exception {
    String group = hearth.createCommunity("citable", "Citable");
    String quoted = group + "/notes/" + UUID.randomUUID();
    JsonNode asked = peer.quoteRequest("alice", group, quoted);

    JsonNode accept = answerTo("alice", asked.get("requestId").asText());
    assertEquals("Accept", accept.get("type").asText(), "Fedify verified the community's signature on it");
    assertEquals(group, accept.get("actor").asText());
    assertEquals(quoted, accept.path("object").path("object").asText());
    assertEquals(asked.get("noteId").asText(), accept.path("object").path("instrument").asText());
    String stamp = accept.get("result").asText();

    JsonNode read = peer.lookup(stamp);
    assertEquals("QuoteAuthorization", read.get("type").asText(), "Fedify reads the stamp as FEP-044f's type");
    String json = read.get("object").toString();
    assertTrue(json.contains(asked.get("noteId").asText()) && json.contains(quoted) && json.contains(group), json);
  }

  @Test
  void aCommunityThatLetsNobodyQuoteItRejectsTheRequest() throws Exception {
    String group = hearth.createCommunity("uncitable", "Uncitable");
    hearth.admin("PATCH", "/api/v1/admin/communities/uncitable", "{\"canQuote\":\"nobody\"}", TestHearth.ADMIN_TOKEN);
    JsonNode asked = peer.quoteRequest("bob", group, group + "/notes/" + UUID.randomUUID());
    JsonNode reject = answerTo("bob", asked.get("requestId").asText());
    assertEquals("Reject", reject.get("type").asText());
    assertTrue(reject.path("result").isMissingNode());
    assertEquals(0, hearth.sql("SELECT 1 FROM quote_authorizations q JOIN communities c ON c.id = q.community_id "
        + "WHERE c.slug = 'uncitable'").size(), "no stamp was made");
  }

  @Test
  void aMembersOnlyCommunityRejectsSomeoneWhoIsNotAMemberAndAcceptsThemOnceTheyJoined() throws Exception {
    String group = hearth.createCommunity("circle", "Circle");
    hearth.admin("PATCH", "/api/v1/admin/communities/circle", "{\"canQuote\":\"members\"}", TestHearth.ADMIN_TOKEN);
    JsonNode before = peer.quoteRequest("alice", group, group + "/notes/" + UUID.randomUUID());
    assertEquals("Reject", answerTo("alice", before.get("requestId").asText()).get("type").asText());

    JsonNode follow = peer.follow("alice", "acct:circle@" + URI.create(hearth.base).getAuthority(), hearth.base);
    assertEquals("done", hearth.awaitProcessed(follow.get("followId").asText()), "alice is a member now");
    JsonNode after = peer.quoteRequest("alice", group, group + "/notes/" + UUID.randomUUID());
    assertEquals("Accept", answerTo("alice", after.get("requestId").asText()).get("type").asText(), "a member may quote");
  }
}
