package social.hearth.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import social.hearth.http.FederationHealthTest;
import social.hearth.testing.FedifyPeer;
import social.hearth.testing.StaffWeb;
import social.hearth.testing.TestHearth;

/**
 * Federation health against Fedify: a member on a Fedify server joins (the page learns its software and version
 * from NodeInfo), then the server stops, so the community's deliveries to it fail; the instance admin's page shows
 * it failing with its backlog, and "Retry now" tries it again at once.
 */
class FedifyFederationHealthTest {

  static final Duration WAIT = Duration.ofSeconds(20);

  @Test
  void aFedifyServerThatStopsIsShownFailingWithItsBacklogAndRetryNowTriesItAgainAtOnce() throws Exception {
    FedifyPeer peer = null;
    try (TestHearth hearth = TestHearth.start()) {
      peer = FedifyPeer.start("127.0.0.171");
      hearth.createCommunity("kilns", "Kilns");
      String host = URI.create(peer.origin).getAuthority();
      peer.follow("alice", "acct:kilns@" + URI.create(hearth.base).getAuthority(), hearth.base);
      assertEquals(1, peer.received("alice", "Accept", 1, WAIT).size());
      JsonNode known = FederationHealthTest.awaitServer(hearth, host,
          s -> "fedify-peer".equals(s.get("software").asText(null)) && s.get("lastSuccessAt").isTextual());
      assertEquals("1.0.0", known.get("version").asText(), "from the peer's NodeInfo");
      assertEquals(1, known.get("members").asLong());
      assertEquals("available", known.get("state").asText());

      peer.close();
      peer = null;
      FederationHealthTest.api(hearth, "POST", "/api/v1/admin/communities/kilns/posts",
          "{\"content\":\"Firing the kiln on Saturday\"}", 201);
      JsonNode failing = FederationHealthTest.awaitServer(hearth, host,
          s -> s.get("failures").asInt() >= 1 && s.get("retrying").asLong() >= 1);
      assertEquals("failing", failing.get("state").asText());
      assertEquals(1, failing.get("backlog").asLong(), "the post waits for the stopped server");

      FederationHealthTest.api(hearth, "POST", "/api/v1/admin/accounts",
          "{\"username\":\"root\",\"password\":\"correct horse battery\",\"instanceAdmin\":true}", 201);
      HttpResponse<String> page = StaffWeb.signIn(hearth, "root", "correct horse battery")
          .get("/staff/admin/federation?problems=1");
      String html = page.body();
      assertTrue(html.contains(host) && html.contains("Failing") && html.contains("fedify-peer 1.0.0")
          && html.contains("Retry now"), html);

      // its next retry would be half a minute away or more: Retry now makes it due, and it fails again at once
      hearth.sql("UPDATE deliveries SET next_attempt_at = now() + interval '1 hour' WHERE host = $1 AND state = 'pending'",
          host);
      int failures = failing.get("failures").asInt();
      assertEquals(1, FederationHealthTest.api(hearth, "POST", "/api/v1/admin/federation/" + host + "/retry", null, 200)
          .get("due").asInt());
      JsonNode again = FederationHealthTest.awaitServer(hearth, host, s -> s.get("failures").asInt() > failures);
      assertEquals(1, again.get("backlog").asLong(), "still waiting for the server to come back");
    } finally {
      if (peer != null) {
        peer.close();
      }
    }
  }
}
