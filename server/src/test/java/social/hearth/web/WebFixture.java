package social.hearth.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import social.hearth.federation.sig.SigningKey;
import social.hearth.testing.FakeActorServer;
import social.hearth.testing.Signed;
import social.hearth.testing.TestHearth;

/**
 * A Hearth on loopback with a lived-in community: remote members on a fake server (one with a hostile display
 * name), re-shared posts with hashtags and a thread, rules, topics, a pin, a pending request with its answer, and
 * staff accounts. The web tests read and act on it like people would.
 */
final class WebFixture implements AutoCloseable {

  static final String PUBLIC = "https://www.w3.org/ns/activitystreams#Public";
  static final String HOSTILE = "<img src=x onerror=alert(1)>";
  static final String PASSWORD = "correct horse battery";

  final TestHearth hearth;
  final FakeActorServer remote;
  final String group;

  private WebFixture(TestHearth hearth, FakeActorServer remote, String group) {
    this.hearth = hearth;
    this.remote = remote;
    this.group = group;
  }

  static WebFixture start(String remoteHost) throws Exception {
    return start(remoteHost, java.util.Map.of());
  }

  /** As above, with settings ({@code HEARTH_*}) of its own. */
  static WebFixture start(String remoteHost, java.util.Map<String, String> env) throws Exception {
    TestHearth hearth = env.isEmpty() ? TestHearth.start() : TestHearth.start(env);
    FakeActorServer remote = FakeActorServer.start(hearth.vertx, remoteHost);
    WebFixture f = new WebFixture(hearth, remote, hearth.createCommunity("book-club", "Book club"));
    f.admin("PATCH", "/api/v1/admin/communities/book-club", "{\"summary\":\"We read one novel a month and talk about it."
        + "\\n\\nNew members introduce themselves with #introductions. The month's book is announced in the first week.\","
        + "\"welcomeMessage\":\"**Welcome!**\"}", 200);
    f.admin("PUT", "/api/v1/admin/communities/book-club/rules", "{\"rules\":[{\"text\":\"Be kind to each other\","
        + "\"consequence\":\"a warning, then removal\"},{\"text\":\"No spoilers without a content warning\",\"consequence\":\"the post is removed\"}]}", 200);
    f.hearth.sql("INSERT INTO community_topics (community_id, position, tag, description) SELECT id, 1, 'introductions', "
        + "'Say hello' FROM communities WHERE slug = 'book-club'");
    return f;
  }

  /** A PNG: a diagonal gradient between two colors, with a lighter disc (a stand-in for a real picture). */
  static byte[] png(int width, int height, java.awt.Color from, java.awt.Color to) throws java.io.IOException {
    java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(width, height, java.awt.image.BufferedImage.TYPE_INT_RGB);
    java.awt.Graphics2D g = image.createGraphics();
    g.setRenderingHint(java.awt.RenderingHints.KEY_ANTIALIASING, java.awt.RenderingHints.VALUE_ANTIALIAS_ON);
    g.setPaint(new java.awt.GradientPaint(0, 0, from, width, height, to));
    g.fillRect(0, 0, width, height);
    g.setColor(new java.awt.Color(255, 236, 200, 150));
    int d = Math.min(width, height) * 2 / 3;
    g.fillOval(width - d - height / 6, (height - d) / 2, d, d);
    g.dispose();
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    javax.imageio.ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  /** Stores a banner for the community, as if its owner had uploaded one. */
  void banner() throws java.io.IOException {
    byte[] bytes = png(1200, 300, new java.awt.Color(0x7a, 0x2e, 0x12), new java.awt.Color(0xe8, 0x9a, 0x4f));
    hearth.sql("INSERT INTO community_media (community_id, kind, content_type, bytes, digest, alt_text) SELECT id, 'banner', "
        + "'image/png', $1, $2, 'Warm evening light over a bookshelf' FROM communities WHERE slug = 'book-club'",
        io.vertx.core.buffer.Buffer.buffer(bytes), Media.digest(bytes));
  }

  JsonNode admin(String method, String path, String body, int expected) throws Exception {
    HttpResponse<String> r = hearth.admin(method, path, body, TestHearth.ADMIN_TOKEN);
    assertEquals(expected, r.statusCode(), r.body());
    return r.body().isEmpty() ? null : TestHearth.JSON.readTree(r.body());
  }

  /** A staff account with a role in book-club (or an instance admin when role is null). */
  void staff(String username, String role) throws Exception {
    admin("POST", "/api/v1/admin/accounts", "{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD
        + "\",\"instanceAdmin\":" + (role == null) + "}", 201);
    if (role != null) {
      admin("PUT", "/api/v1/admin/communities/book-club/staff/" + username, "{\"role\":\"" + role + "\"}", 200);
    }
  }

  static String actor(SigningKey key) {
    return key.keyId().replace("#main-key", "");
  }

  /** A remote person, optionally with a display name. */
  SigningKey person(String name, String displayName) throws Exception {
    SigningKey key = remote.addPerson(name);
    if (displayName != null) {
      ObjectNode doc = (ObjectNode) hearth.getJsonFrom(actor(key));
      doc.put("name", displayName);
      remote.serve("/users/" + name, doc.toString());
    }
    return key;
  }

  String send(SigningKey key, String inbox, ObjectNode activity) throws Exception {
    return new social.hearth.testing.Fediverse(hearth, remote).send(key, inbox, activity);
  }

  ObjectNode activity(SigningKey key, String type, Object object) {
    return social.hearth.testing.Fediverse.activity(key, type, object);
  }

  void follow(SigningKey key) throws Exception {
    send(key, group + "/inbox", activity(key, "Follow", group));
  }

  /** A public post addressed to the community, with hashtags; returns its id. */
  String post(SigningKey author, String html, String inReplyTo, List<String> hashtags) throws Exception {
    String id = actor(author) + "/notes/" + UUID.randomUUID();
    ObjectNode n = TestHearth.JSON.createObjectNode();
    n.put("id", id).put("type", "Note").put("attributedTo", actor(author)).put("content", html)
        .put("published", java.time.Instant.now().toString()).put("url", id);
    n.putArray("to").add(PUBLIC);
    n.putArray("cc").add(group);
    ArrayNode tags = n.putArray("tag");
    tags.addObject().put("type", "Mention").put("href", group);
    for (String h : hashtags) {
      tags.addObject().put("type", "Hashtag").put("name", "#" + h).put("href", remote.origin + "/tags/" + h);
    }
    if (inReplyTo != null) {
      n.put("inReplyTo", inReplyTo);
    }
    remote.serve(id.substring(remote.origin.length()), n.toString());
    send(author, hearth.base + "/inbox", activity(author, "Create", n));
    return id;
  }

  /** A direct message to the community (e.g. the answer to the join question). */
  void directMessage(SigningKey author, String html) throws Exception {
    String id = actor(author) + "/notes/" + UUID.randomUUID();
    ObjectNode n = TestHearth.JSON.createObjectNode();
    n.put("id", id).put("type", "Note").put("attributedTo", actor(author)).put("content", html);
    n.putArray("to").add(group);
    n.putArray("tag").addObject().put("type", "Mention").put("href", group);
    remote.serve(id.substring(remote.origin.length()), n.toString());
    send(author, hearth.base + "/inbox", activity(author, "Create", n));
  }

  long postId(String objectId) {
    return hearth.sql("SELECT id FROM posts WHERE object_id = $1", objectId).get(0).getLong(0);
  }

  @Override
  public void close() {
    remote.close();
    hearth.close();
  }
}
