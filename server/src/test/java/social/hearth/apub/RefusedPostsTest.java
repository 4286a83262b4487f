package social.hearth.apub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static social.hearth.testing.Fediverse.activity;
import static social.hearth.testing.Fediverse.actor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.hearth.federation.sig.SigningKey;
import social.hearth.testing.FakeActorServer;
import social.hearth.testing.Signed;
import social.hearth.testing.TestDatabase;
import social.hearth.testing.TestHearth;

/**
 * A flood of posts the community will refuse, stored together with its members' posts, is decided in the batch's
 * pre-screen: the refused posts (strangers posting to a members-only community, a banned member, a post that names
 * no community) are done without effect and without running their listener, the members' posts are re-shared, and
 * what only the full path can decide (a stranger's reply in a thread, a direct message to the community) still
 * takes it.
 */
class RefusedPostsTest {

  static final String PUBLIC = "https://www.w3.org/ns/activitystreams#Public";
  static final String METRICS_TOKEN = "metrics-token-0123456789";
  static final int STRANGERS = 12;

  static Vertx peers;
  static FakeActorServer masto;
  static TestHearth hearth;
  static String group;
  static final List<SigningKey> members = new ArrayList<>();
  static final List<String> memberNotes = new ArrayList<>();
  static final List<String> refusedNotes = new ArrayList<>();
  static SigningKey banned;
  static String strangersReply;
  static String directMessage;
  static SigningKey strangerWhoReports;

  @BeforeAll
  static void storeAFloodWithMembersPostsInItThenProcessIt() throws Exception {
    peers = Vertx.vertx();
    masto = FakeActorServer.start(peers, "127.0.0.41");
    masto.nodeinfo("mastodon");
    for (int i = 0; i < 3; i++) {
      members.add(masto.addPerson("member" + i));
    }
    banned = masto.addPerson("banned");
    List<SigningKey> strangers = new ArrayList<>();
    for (int i = 0; i < STRANGERS; i++) {
      strangers.add(masto.addPerson("stranger" + i));
    }
    String db = TestDatabase.url(TestDatabase.fresh());
    int port;
    try (TestHearth joining = TestHearth.start(Clock.systemUTC(), db, true)) {
      port = joining.port;
      group = joining.createCommunity("gated", "Members only");
      for (SigningKey m : members) {
        send(joining, m, group + "/inbox", activity(m, "Follow", group), true);
      }
      send(joining, banned, group + "/inbox", activity(banned, "Follow", group), true);
      // banned while still on the member list: the ban decides
      joining.sql("INSERT INTO bans (community_id, actor_id, reason) SELECT id, $1, 'spam' FROM communities "
          + "WHERE slug = 'gated'", actor(banned));
      TestHearth node = joining;
      await("the Accepts delivered", () ->
          node.sql("SELECT count(*) FROM deliveries WHERE state = 'pending'").get(0).getLong(0) == 0);
    }

    try (TestHearth receiving = TestHearth.start(Clock.systemUTC(), db, false, port)) {
      for (int i = 0; i < STRANGERS; i++) {
        SigningKey s = strangers.get(i);
        ObjectNode spam = note(s, "<p>buy now " + i + "</p>", null, true, true);
        refusedNotes.add(spam.get("id").asText());
        send(receiving, s, i % 2 == 0 ? group + "/inbox" : receiving.base + "/inbox", create(s, spam), false);
        if (i % 4 == 0) {
          SigningKey m = members.get(i / 4 % members.size());
          ObjectNode post = note(m, "<p>hello " + i + "</p>", null, true, true);
          memberNotes.add(post.get("id").asText());
          send(receiving, m, group + "/inbox", create(m, post), false);
        }
      }
      ObjectNode bannedPost = note(banned, "<p>still here</p>", null, true, true);
      refusedNotes.add(bannedPost.get("id").asText());
      send(receiving, banned, group + "/inbox", create(banned, bannedPost), false);
      ObjectNode nowhere = note(strangers.get(0), "<p>to my followers</p>", null, false, true);
      refusedNotes.add(nowhere.get("id").asText());
      send(receiving, strangers.get(0), receiving.base + "/inbox", create(strangers.get(0), nowhere), false);
      // only the full path decides these two: a reply (a thread may take it) and a direct message
      ObjectNode reply = note(strangers.get(1), "<p>me too</p>", memberNotes.get(0), false, true);
      strangersReply = reply.get("id").asText();
      send(receiving, strangers.get(1), receiving.base + "/inbox", create(strangers.get(1), reply), false);
      ObjectNode dm = note(strangers.get(2), "<p>report: this is spam <a href=\"" + memberNotes.get(0) + "\">here</a></p>",
          null, true, false);
      directMessage = dm.get("id").asText();
      strangerWhoReports = strangers.get(2);
      send(receiving, strangers.get(2), group + "/inbox", create(strangers.get(2), dm), false);
    }

    hearth = TestHearth.start(Clock.systemUTC(), db, true, port, Map.of("HEARTH_METRICS_TOKEN", METRICS_TOKEN));
    await("every stored activity processed and every delivery sent ", () ->
        hearth.sql("SELECT count(*) FROM inbox WHERE state = 'pending'").get(0).getLong(0) == 0
            && hearth.sql("SELECT count(*) FROM deliveries WHERE state = 'pending'").get(0).getLong(0) == 0);
  }

  @AfterAll
  static void stop() {
    if (hearth != null) {
      hearth.close();
    }
    masto.close();
    peers.close().await();
  }

  @Test
  void refusedPostsAreDoneWithoutEffectAndMembersPostsAreReSharedOnce() {
    assertEquals(0, hearth.sql("SELECT count(*) FROM inbox WHERE state <> 'done'").get(0).getLong(0), "all done");
    for (String note : refusedNotes) {
      assertEquals(0, hearth.sql("SELECT count(*) FROM posts WHERE object_id = $1", note).get(0).getLong(0), note);
      assertEquals(0, hearth.sql("SELECT count(*) FROM activities WHERE object_id = $1", note).get(0).getLong(0), note);
      assertEquals(0, announcesOf(note), "nobody got " + note);
    }
    for (String note : memberNotes) {
      assertEquals(1, hearth.sql("SELECT count(*) FROM posts WHERE object_id = $1", note).get(0).getLong(0), note);
      assertEquals(1, announcesOf(note), "the members' server got " + note + " once");
    }
    assertEquals(0, hearth.sql("SELECT count(*) FROM posts WHERE object_id = $1", strangersReply).get(0).getLong(0),
        "a stranger's reply is not re-shared in a members-only community");
  }

  @Test
  void onlyTheClearlyRefusedPostsSkipTheirListener() throws Exception {
    String text = scrape();
    int refused = STRANGERS + 2; // the strangers' posts, the banned member's, the one that names no community
    assertEquals(refused, sample(text, "outcome=\"refused\",type=\"Create\""), text);
    // the members' posts, the stranger's reply and the direct message went to the listener
    assertEquals(memberNotes.size() + 2, sample(text, "outcome=\"done\",type=\"Create\""), text);
  }

  @Test
  void aStrangersDirectReportStillReachesTheModerators() {
    var reports = hearth.sql("SELECT reporter_id FROM reports WHERE flag_id = $1", directMessage);
    assertEquals(1, reports.size(), "the direct message became a report");
    assertEquals(actor(strangerWhoReports), reports.get(0).getString(0));
    assertEquals(0, hearth.sql("SELECT count(*) FROM posts WHERE object_id = $1", directMessage).get(0).getLong(0),
        "a direct message is never re-shared");
  }

  // ------------------------------------------------------------------ helpers

  /** A note by {@code author} (served at its id), naming the community when {@code toGroup}; public or direct. */
  static ObjectNode note(SigningKey author, String content, String inReplyTo, boolean toGroup, boolean isPublic) {
    String id = actor(author) + "/notes/" + UUID.randomUUID();
    ObjectNode n = TestHearth.JSON.createObjectNode();
    n.put("id", id).put("type", "Note").put("attributedTo", actor(author)).put("content", content);
    var to = n.putArray("to");
    if (isPublic) {
      to.add(PUBLIC);
    }
    var cc = n.putArray("cc");
    if (isPublic) {
      cc.add(actor(author) + "/followers");
    }
    if (toGroup) {
      (isPublic ? cc : to).add(group);
      n.putArray("tag").addObject().put("type", "Mention").put("href", group).put("name", "@gated");
    }
    if (inReplyTo != null) {
      n.put("inReplyTo", inReplyTo);
    }
    masto.serve(id.substring(masto.origin.length()), n.toString());
    return n;
  }

  static ObjectNode create(SigningKey author, ObjectNode note) {
    ObjectNode create = activity(author, "Create", note);
    create.set("to", note.get("to"));
    create.set("cc", note.get("cc"));
    return create;
  }

  static void send(TestHearth to, SigningKey key, String inbox, ObjectNode activity, boolean processed) throws Exception {
    HttpResponse<String> r = Signed.post(to.http, key, inbox, activity.toString());
    assertEquals(202, r.statusCode(), r.body());
    if (processed) {
      assertEquals("done", to.awaitProcessed(activity.get("id").asText()));
    }
  }

  static long announcesOf(String note) {
    return masto.postsTo("/inbox").stream().map(p -> {
      try {
        return TestHearth.JSON.readTree(p.body());
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }).filter(j -> "Announce".equals(j.path("type").asText()) && note.equals(j.path("object").asText(null))).count();
  }

  static String scrape() throws Exception {
    HttpRequest r = HttpRequest.newBuilder(URI.create(hearth.base + "/metrics")).timeout(Duration.ofSeconds(10))
        .header("Authorization", "Bearer " + METRICS_TOKEN).build();
    return hearth.http.send(r, HttpResponse.BodyHandlers.ofString()).body();
  }

  static int sample(String text, String labels) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote("hearth_inbox_processed_total{" + labels + "}") + " (\\S+)$")
        .matcher(text);
    return m.find() ? (int) Double.parseDouble(m.group(1)) : 0;
  }

  interface Check {
    boolean ok() throws Exception;
  }

  static void await(String what, Check check) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (check.ok()) {
        return;
      }
      Thread.sleep(100);
    }
    if (hearth == null) {
      throw new AssertionError("timed out waiting for: " + what);
    }
    throw new AssertionError("timed out waiting for: " + what + "; queued: "
        + hearth.sql("SELECT type, state, attempts, error FROM inbox WHERE state <> 'done'").stream()
            .map(r -> r.deepToString()).toList()
        + hearth.sql("SELECT inbox, state, attempts, last_error FROM deliveries WHERE state = 'pending'").stream()
            .map(r -> r.deepToString()).toList());
  }
}
