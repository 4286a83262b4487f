package social.hearth.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import social.hearth.federation.sig.SigningKey;
import social.hearth.testing.TestHearth;

/** An event as Mobilizon or Gancio send one to a community they follow, for the web tests. */
final class RemoteEvents {

  private RemoteEvents() {}

  /** A Mobilizon-like Event three days ahead, addressed to the community; returns its id. */
  static String remoteEvent(WebFixture f, SigningKey author, String name, String html) throws Exception {
    String id = WebFixture.actor(author) + "/events/" + UUID.randomUUID();
    Instant start = Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.HOURS);
    ObjectNode n = TestHearth.JSON.createObjectNode();
    n.put("id", id).put("type", "Event").put("attributedTo", WebFixture.actor(author)).put("name", name)
        .put("content", html).put("startTime", start.toString()).put("endTime", start.plus(Duration.ofHours(2)).toString())
        .put("timezone", "Europe/Paris").put("published", Instant.now().toString()).put("url", id);
    n.putArray("to").add(WebFixture.PUBLIC);
    n.putArray("cc").add(f.group);
    n.putArray("tag").addObject().put("type", "Mention").put("href", f.group);
    n.putObject("location").put("type", "Place").put("name", "Librairie du Canal");
    f.remote.serve(id.substring(f.remote.origin.length()), n.toString());
    f.send(author, f.hearth.base + "/inbox", f.activity(author, "Create", n));
    return id;
  }
}
