package social.hearth.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import social.hearth.federation.sig.DraftCavage;
import social.hearth.federation.sig.SigningKey;

/** The Hearth site under test, as the bench talks to it: the admin API, and signed activities ready to send. */
final class Site {

  private final String base;
  private final int port;
  private final DraftCavage signer = new DraftCavage(Clock.systemUTC(), Duration.ofHours(1));

  Site(String base, int port) {
    this.base = base;
    this.port = port;
  }

  /** Filters a community typically runs (keywords, a regex, links, mentions, account age), set to hold. */
  static final List<String> FILTERS = List.of(
      "{\"kind\":\"keywords\",\"config\":{\"words\":[\"casino\",\"free money\",\"crypto giveaway\"]},\"action\":\"hold\",\"enabled\":true}",
      "{\"kind\":\"regex\",\"config\":{\"pattern\":\"(?i)buy (now|cheap)\"},\"action\":\"hold\",\"enabled\":true}",
      "{\"kind\":\"links\",\"config\":{\"max\":3,\"deny\":[\"spam.example\"]},\"action\":\"hold\",\"enabled\":true}",
      "{\"kind\":\"mentions\",\"config\":{\"max\":5},\"action\":\"hold\",\"enabled\":true}",
      "{\"kind\":\"account_age\",\"config\":{\"minDays\":1},\"action\":\"hold\",\"enabled\":true}");

  void createCommunity(String slug, String name) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/admin/communities"))
        .header("Authorization", "Bearer " + Bench.ADMIN_TOKEN).header("Content-Type", "application/json")
        .timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofString("{\"slug\":\"" + slug + "\",\"name\":\"" + name
            + "\",\"summary\":\"A community the benchmark creates: its members are fake servers on loopback.\"}"))
        .build(), HttpResponse.BodyHandlers.ofString());
    if (res.statusCode() != 201) {
      throw new IllegalStateException("cannot create community " + slug + ": " + res.statusCode() + " " + res.body());
    }
  }

  /** Adds {@link #FILTERS} to a community through the admin API; returns how many were accepted. */
  int addFilters(String slug) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    int added = 0;
    for (String f : FILTERS) {
      HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/admin/communities/" + slug
              + "/filters")).header("Authorization", "Bearer " + Bench.ADMIN_TOKEN).header("Content-Type", "application/json")
          .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(f)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (res.statusCode() / 100 == 2) {
        added++;
      } else {
        Bench.log("setup: filter not added to %s (%d %s): %s", slug, res.statusCode(), res.body(), f);
      }
    }
    return added;
  }

  /** A POST to Hearth signed (draft-cavage, rsa-sha256) as the actor, ready to send. */
  Load.Request signedPost(SigningKey key, String path, String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/activity+json");
    signer.sign(key, "POST", URI.create(base + path), headers, body);
    MultiMap m = MultiMap.caseInsensitiveMultiMap();
    headers.forEach((k, v) -> {
      if (!k.equalsIgnoreCase("host")) {
        m.add(k, v);
      }
    });
    return new Load.Request(HttpMethod.POST, path, m, Buffer.buffer(body));
  }

  /** A Create{Note} by a member that addresses the community (cc and a Mention), like Mastodon sends it. */
  String create(Fediverse.Actor a, String slug, String noteId) {
    String community = base + "/c/" + slug;
    String published = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    ObjectNode note = Fediverse.JSON.createObjectNode();
    note.put("id", noteId).put("type", "Note").put("attributedTo", a.id()).put("published", published)
        .put("url", noteId.replace("/statuses/", "/@status/"))
        .put("content", "<p><span class=\"h-card\"><a href=\"" + community + "\" class=\"u-url mention\">@<span>" + slug
            + "</span></a></span> Has anyone read the new translation? I found the first chapters slower than the "
            + "original, but the dialogue is much better. What did you think of the ending?</p>");
    note.putArray("to").add(Bench.PUBLIC);
    note.putArray("cc").add(community).add(a.id() + "/followers");
    ArrayNode tags = note.putArray("tag");
    tags.addObject().put("type", "Mention").put("href", community).put("name", "@" + slug + "@127.0.0.1:" + port);
    ObjectNode create = Fediverse.JSON.createObjectNode();
    create.putArray("@context").add("https://www.w3.org/ns/activitystreams");
    create.put("id", noteId + "/activity").put("type", "Create").put("actor", a.id()).put("published", published);
    create.putArray("to").add(Bench.PUBLIC);
    create.putArray("cc").add(community).add(a.id() + "/followers");
    create.set("object", note);
    return create.toString();
  }
}
