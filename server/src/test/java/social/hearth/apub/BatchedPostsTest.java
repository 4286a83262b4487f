package social.hearth.apub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static social.hearth.apub.InboxProcessingTest.await;
import static social.hearth.apub.InboxProcessingTest.create;
import static social.hearth.apub.InboxProcessingTest.send;
import static social.hearth.testing.Fediverse.activity;
import static social.hearth.testing.Fediverse.actor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.hearth.federation.sig.SigningKey;
import social.hearth.testing.FakeActorServer;
import social.hearth.testing.TestDatabase;
import social.hearth.testing.TestHearth;

/**
 * Member posts that arrive together are taken a batch at a time (issue 13): one claimed batch holds posts the
 * filters accept, a second post by the same author within slow mode, a post a keyword filter holds, a post by
 * someone who is not a member, and a post whose decision was already recorded (a crash after the review, before
 * the re-share). Each ends exactly as if it had arrived alone: accepted posts re-shared once with their points and
 * counters, held posts in the queue with their reasons and audit entries, the stranger's post refused.
 */
class BatchedPostsTest {

  static final String PUBLIC = "https://www.w3.org/ns/activitystreams#Public";

  static Vertx peers;
  static FakeActorServer masto;
  static TestHearth hearth;
  static String group;
  static SigningKey ada;
  static SigningKey bo;
  static SigningKey cy;
  static SigningKey di;
  static SigningKey stranger;
  static String adaFirst;
  static String adaSecond;
  static String boCasino;
  static String cyPost;
  static String diPost;
  static String diCreate;
  static String strangerPost;

  @BeforeAll
  static void receiveTheBurstThenProcessItInOneBatch() throws Exception {
    peers = Vertx.vertx();
    masto = FakeActorServer.start(peers, "127.0.0.33");
    masto.nodeinfo("mastodon");
    ada = masto.addPerson("ada");
    bo = masto.addPerson("bo");
    cy = masto.addPerson("cy");
    di = masto.addPerson("di");
    stranger = masto.addPerson("stranger");
    String db = TestDatabase.url(TestDatabase.fresh());
    int port;
    try (TestHearth joining = TestHearth.start(Clock.systemUTC(), db, true)) {
      port = joining.port;
      group = joining.createCommunity("batch", "Batch");
      for (SigningKey m : new SigningKey[] {ada, bo, cy, di}) {
        send(joining, m, group + "/inbox", activity(m, "Follow", group), true);
      }
      for (String filter : new String[] {"{\"kind\":\"slow_mode\",\"config\":{\"minutes\":5},\"action\":\"hold\"}",
          "{\"kind\":\"keywords\",\"config\":{\"words\":[\"casino\"]},\"action\":\"hold\"}"}) {
        assertEquals(200, joining.admin("POST", "/api/v1/admin/communities/batch/filters", filter,
            TestHearth.ADMIN_TOKEN).statusCode());
      }
      await("every Accept delivered", () ->
          joining.sql("SELECT count(*) FROM deliveries WHERE state = 'pending'").get(0).getLong(0) == 0);
    }
    try (TestHearth receiving = TestHearth.start(Clock.systemUTC(), db, false, port)) {
      adaFirst = post(receiving, ada, "<p>first</p>");
      adaSecond = post(receiving, ada, "<p>second, too soon</p>");
      boCasino = post(receiving, bo, "<p>come to my casino</p>");
      cyPost = post(receiving, cy, "<p>hello</p>");
      strangerPost = post(receiving, stranger, "<p>let me in</p>");
      ObjectNode diNote = note(di, "<p>reviewed before a crash</p>");
      diPost = diNote.get("id").asText();
      diCreate = send(receiving, di, group + "/inbox", create(di, diNote), false);
      // the decision on di's post was stored, then the node died before re-sharing it
      receiving.sql("INSERT INTO moderation_items (community_id, activity_id, kind, object_id, author_id, activity, object, "
          + "decision, reasons, facts, state) SELECT id, $1, 'post', $2, $3, '{}'::jsonb, $4::text::jsonb, 'accept', "
          + "'[]'::jsonb, '{}'::jsonb, 'accepted' FROM communities WHERE slug = 'batch'", diCreate, diPost, actor(di),
          diNote.toString());
    }
    hearth = TestHearth.start(Clock.systemUTC(), db, true, port);
    await("the burst processed and delivered", () ->
        hearth.sql("SELECT count(*) FROM inbox WHERE state = 'pending'").get(0).getLong(0) == 0
            && hearth.sql("SELECT count(*) FROM deliveries WHERE state = 'pending'").get(0).getLong(0) == 0
            && hearth.sql("SELECT count(*) FROM delivery_batches").get(0).getLong(0) == 0);
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
  void acceptedPostsOfTheBatchAreReSharedOnceWithTheirPointsAndCounters() throws Exception {
    assertEquals(0, hearth.sql("SELECT count(*) FROM inbox WHERE state <> 'done'").get(0).getLong(0), "all done");
    for (String note : new String[] {adaFirst, cyPost, diPost}) {
      assertEquals(1, hearth.sql("SELECT count(*) FROM posts WHERE object_id = $1", note).get(0).getLong(0), note);
      assertEquals(1, InboxProcessingTest.count(masto, j -> note.equals(j.path("object").asText(null))),
          "Mastodon got " + note + " once");
      assertEquals(1, hearth.sql("SELECT count(*) FROM moderation_items WHERE object_id = $1", note).get(0).getLong(0),
          "one decision on " + note);
    }
    for (SigningKey author : new SigningKey[] {ada, cy, di}) {
      assertEquals(1, hearth.sql("SELECT count(*) FROM points_ledger WHERE actor_id = $1 AND kind = 'post'",
          actor(author)).get(0).getLong(0), "points for the post of " + actor(author));
    }
    var counted = hearth.sql("SELECT accepted_posts, last_post_at IS NOT NULL FROM author_posting WHERE author_id = $1",
        actor(cy));
    assertEquals(1, counted.get(0).getLong(0), "cy's accepted post counted for probation");
    assertTrue(counted.get(0).getBoolean(1), "and for slow mode");
  }

  @Test
  void aSecondPostWithinSlowModeAndAKeywordAreHeldWithTheirReasonsAndAudited() throws Exception {
    var slow = hearth.sql("SELECT state, reasons::text FROM moderation_items WHERE object_id = $1", adaSecond);
    assertEquals("held", slow.get(0).getString(0));
    assertTrue(slow.get(0).getString(1).contains("slow"), slow.get(0).getString(1));
    var casino = hearth.sql("SELECT state, reasons::text FROM moderation_items WHERE object_id = $1", boCasino);
    assertEquals("held", casino.get(0).getString(0));
    assertTrue(casino.get(0).getString(1).contains("keywords"), casino.get(0).getString(1));
    assertEquals(2, hearth.sql("SELECT count(*) FROM audit_log WHERE action = 'auto.hold' AND target IN ($1, $2)",
        actor(ada), actor(bo)).get(0).getLong(0), "each hold audited");
    for (String held : new String[] {adaSecond, boCasino}) {
      assertEquals(0, hearth.sql("SELECT count(*) FROM posts WHERE object_id = $1", held).get(0).getLong(0), held);
      assertEquals(0, InboxProcessingTest.count(masto, j -> held.equals(j.path("object").asText(null))), held);
    }
  }

  @Test
  void aStrangersPostIsRefusedAndLeavesNoTrace() throws Exception {
    assertEquals(0, hearth.sql("SELECT count(*) FROM posts WHERE object_id = $1", strangerPost).get(0).getLong(0));
    assertEquals(0, hearth.sql("SELECT count(*) FROM moderation_items WHERE object_id = $1", strangerPost).get(0).getLong(0));
    assertEquals(0, InboxProcessingTest.count(masto, j -> strangerPost.equals(j.path("object").asText(null))));
  }

  // ------------------------------------------------------------------ helpers

  static String post(TestHearth to, SigningKey author, String content) throws Exception {
    ObjectNode note = note(author, content);
    send(to, author, group + "/inbox", create(author, note), false);
    return note.get("id").asText();
  }

  static ObjectNode note(SigningKey author, String content) {
    String id = actor(author) + "/notes/" + UUID.randomUUID();
    ObjectNode n = TestHearth.JSON.createObjectNode();
    n.put("id", id).put("type", "Note").put("attributedTo", actor(author)).put("content", content);
    n.putArray("to").add(PUBLIC);
    n.putArray("cc").add(actor(author) + "/followers").add(group);
    n.putArray("tag").addObject().put("type", "Mention").put("href", group).put("name", "@batch");
    masto.serve(id.substring(masto.origin.length()), n.toString());
    return n;
  }
}
