package social.hearth.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import social.hearth.federation.sig.SigningKey;

/**
 * Test helpers for talking to a {@link TestHearth} as remote accounts on a {@link FakeActorServer}: build and send
 * signed activities, serve notes, and read what Hearth sent back.
 */
public final class Fediverse {

  public static final String PUBLIC = "https://www.w3.org/ns/activitystreams#Public";

  private final TestHearth hearth;
  private final FakeActorServer remote;

  public Fediverse(TestHearth hearth, FakeActorServer remote) {
    this.hearth = hearth;
    this.remote = remote;
  }

  public static String actor(SigningKey key) {
    return key.keyId().substring(0, key.keyId().indexOf('#'));
  }

  public String inbox() {
    return hearth.base + "/inbox";
  }

  /** Sends a signed activity, expects 202, waits until Hearth has processed it; returns its id. */
  public String send(SigningKey key, String inbox, ObjectNode activity) throws Exception {
    HttpResponse<String> r = Signed.post(hearth.http, key, inbox, activity.toString());
    if (r.statusCode() != 202) {
      throw new AssertionError("expected 202, got " + r.statusCode() + ": " + r.body());
    }
    String id = activity.get("id").asText();
    String state = hearth.awaitProcessed(id);
    if (!state.equals("done")) {
      throw new AssertionError(id + " ended " + state);
    }
    return id;
  }

  public static ObjectNode activity(SigningKey key, String type, Object object) {
    ObjectNode a = TestHearth.JSON.createObjectNode();
    a.put("@context", "https://www.w3.org/ns/activitystreams");
    a.put("id", actor(key) + "/activities/" + UUID.randomUUID());
    a.put("type", type);
    a.put("actor", actor(key));
    if (object instanceof String s) {
      a.put("object", s);
    } else {
      a.set("object", (JsonNode) object);
    }
    return a;
  }

  public String follow(SigningKey key, String group) throws Exception {
    return send(key, group + "/inbox", activity(key, "Follow", group));
  }

  /** A public note addressed to the group (or a direct message to it), served at its id. */
  public ObjectNode note(SigningKey author, String group, String content, boolean direct) {
    return note(author, group, content, direct, null);
  }

  /** As above, answering {@code inReplyTo} when it is not null. */
  public ObjectNode note(SigningKey author, String group, String content, boolean direct, String inReplyTo) {
    String id = actor(author) + "/notes/" + UUID.randomUUID();
    ObjectNode n = TestHearth.JSON.createObjectNode();
    n.put("id", id).put("type", "Note").put("attributedTo", actor(author)).put("content", content);
    if (direct) {
      n.putArray("to").add(group);
    } else {
      n.putArray("to").add(PUBLIC);
      n.putArray("cc").add(group);
    }
    n.putArray("tag").addObject().put("type", "Mention").put("href", group);
    if (inReplyTo != null) {
      n.put("inReplyTo", inReplyTo);
    }
    remote.serve(id.substring(remote.origin.length()), n.toString());
    return n;
  }

  /** Posts the note (Create) to the shared inbox; returns the Create's id. */
  public String post(SigningKey author, ObjectNode note) throws Exception {
    return send(author, inbox(), activity(author, "Create", note));
  }

  /** Activities of a type that a user of the fake server received, as JSON. */
  public List<JsonNode> got(SigningKey key, String type) {
    String path = actor(key).substring(remote.origin.length()) + "/inbox";
    return remote.postsTo(path).stream().map(p -> {
      try {
        return TestHearth.JSON.readTree(p.body());
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }).filter(j -> type.equals(j.path("type").asText())).toList();
  }

  /** Waits until the user has received a matching activity of the type in their own inbox. */
  public JsonNode awaitFor(SigningKey key, String type, Predicate<JsonNode> match) throws Exception {
    for (int i = 0; i < 400; i++) {
      for (JsonNode j : got(key, type)) {
        if (match.test(j)) {
          return j;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError(actor(key) + " never received a matching " + type + "; got " + got(key, type));
  }

  /** Waits for a matching activity of the type in the user's (or the shared) inbox. */
  public JsonNode await(String type, Predicate<JsonNode> match) throws Exception {
    FakeActorServer.Received r = remote.awaitPost(p -> {
      try {
        JsonNode j = TestHearth.JSON.readTree(p.body());
        return type.equals(j.path("type").asText()) && match.test(j);
      } catch (Exception e) {
        return false;
      }
    });
    return TestHearth.JSON.readTree(r.body());
  }

  /** Waits for a direct message from the community whose text contains the words. */
  public JsonNode dm(String containing) throws Exception {
    return await("Create", j -> j.path("object").path("content").asText().contains(containing));
  }

  public boolean reshared(String objectId) {
    return !hearth.sql("SELECT 1 FROM posts WHERE object_id = $1 AND deleted_at IS NULL", objectId).isEmpty();
  }

  public JsonNode admin(String method, String path, String body, int expected) throws Exception {
    HttpResponse<String> r = hearth.admin(method, path, body, TestHearth.ADMIN_TOKEN);
    if (r.statusCode() != expected) {
      throw new AssertionError(method + " " + path + ": expected " + expected + ", got " + r.statusCode() + ": " + r.body());
    }
    return r.body().isEmpty() ? null : TestHearth.JSON.readTree(r.body());
  }
}
