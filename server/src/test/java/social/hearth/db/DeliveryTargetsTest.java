package social.hearth.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.hearth.testing.TestDatabase;
import social.hearth.testing.TestHearth;

/**
 * Where a re-share goes: one delivery per distinct (shared) inbox of the community's accepted members, the plain
 * form to Mastodon-family servers and the wrapped form to group-aware ones, never to this server, and always to the
 * inbox a member's server publishes now (after a join, a leave, a ban or an actor refresh).
 */
class DeliveryTargetsTest {

  static TestHearth hearth;
  static OutboxStore store;
  static long community;
  static long other;
  static String local;

  @BeforeAll
  static void start() throws Exception {
    hearth = TestHearth.start(Clock.systemUTC(), TestDatabase.url(TestDatabase.fresh()), false);
    store = new OutboxStore(hearth.hearth.database().pool());
    hearth.createCommunity("targets", "Targets");
    hearth.createCommunity("elsewhere", "Elsewhere");
    community = hearth.sql("SELECT id FROM communities WHERE slug = 'targets'").get(0).getLong(0);
    other = hearth.sql("SELECT id FROM communities WHERE slug = 'elsewhere'").get(0).getLong(0);
    local = hearth.base + "/";
    hearth.sql("INSERT INTO hosts (host, software, group_aware) VALUES ('lemmy.example', 'lemmy', true), "
        + "('masto.example', 'mastodon', false)");
    actor("https://masto.example/users/a", "masto.example", "https://masto.example/inbox");
    actor("https://masto.example/users/b", "masto.example", "https://masto.example/inbox");
    actor("https://lemmy.example/u/c", "lemmy.example", "https://lemmy.example/inbox");
    actor("https://solo.example/users/d", "solo.example", null);
    actor("https://solo.example/users/pending", "solo.example", "https://solo.example/other-inbox");
    actor("https://elsewhere.example/users/e", "elsewhere.example", "https://elsewhere.example/inbox");
    member(community, "https://masto.example/users/a", "accepted");
    member(community, "https://masto.example/users/b", "accepted");
    member(community, "https://lemmy.example/u/c", "accepted");
    member(community, "https://solo.example/users/d", "accepted");
    member(community, "https://solo.example/users/pending", "pending");
    member(other, "https://elsewhere.example/users/e", "accepted");
  }

  @AfterAll
  static void stop() {
    hearth.close();
  }

  static void actor(String id, String host, String sharedInbox) {
    hearth.sql("INSERT INTO remote_actors (id, type, host, inbox, shared_inbox, document) VALUES ($1, 'Person', $2, $3, $4, '{}')",
        id, host, id + "/inbox", sharedInbox);
  }

  static void member(long communityId, String actor, String state) {
    hearth.sql("INSERT INTO members (community_id, actor_id, follow_id, state) VALUES ($1, $2, $3, $4)",
        communityId, actor, actor + "/follow", state);
  }

  static long activity() {
    return hearth.sql("INSERT INTO activities (iri, community_id, type, body) VALUES ($1, $2, 'Announce', '{}') RETURNING id",
        local + "activities/" + java.util.UUID.randomUUID(), community).get(0).getLong(0);
  }

  /** Re-shares once (plain and wrapped) and returns "form inbox host" per delivery. */
  static Set<String> reshare() {
    long plain = activity();
    long wrapped = activity();
    hearth.hearth.database().pool().withTransaction(conn -> store.enqueueToMembers(new PgTx(conn), community, local, plain, wrapped)).await();
    Set<String> out = new TreeSet<>();
    hearth.sql("SELECT activity_id, inbox, host FROM deliveries WHERE activity_id IN ($1, $2)", plain, wrapped)
        .forEach(r -> out.add((r.getLong(0) == plain ? "plain " : "wrapped ") + r.getString(1) + " " + r.getString(2)));
    return out;
  }

  @Test
  void eachSharedInboxOfTheAcceptedMembersGetsOneDeliveryInTheFormItsServerUnderstands() {
    assertEquals(new TreeSet<>(List.of(
        "plain https://masto.example/inbox masto.example",
        "plain https://solo.example/users/d/inbox solo.example",
        "wrapped https://lemmy.example/inbox lemmy.example")), reshare());
  }

  @Test
  void aMemberWhoseServerMovedItsSharedInboxGetsTheNextReShareAtTheNewOne() {
    hearth.sql("UPDATE remote_actors SET shared_inbox = 'https://solo.example/shared' WHERE id = 'https://solo.example/users/d'");
    try {
      assertEquals(Set.of("plain https://solo.example/shared solo.example"),
          only(reshare(), "solo.example"), "the refreshed actor's new shared inbox");
    } finally {
      hearth.sql("UPDATE remote_actors SET shared_inbox = NULL WHERE id = 'https://solo.example/users/d'");
    }
    assertEquals(Set.of("plain https://solo.example/users/d/inbox solo.example"), only(reshare(), "solo.example"));
  }

  @Test
  void whoLeavesOrIsRemovedGetsNothingAndWhoIsAcceptedGetsTheNextOne() {
    hearth.sql("DELETE FROM members WHERE community_id = $1 AND actor_id = 'https://lemmy.example/u/c'", community);
    hearth.sql("UPDATE members SET state = 'accepted' WHERE actor_id = 'https://solo.example/users/pending'");
    try {
      Set<String> targets = reshare();
      assertEquals(Set.of(), only(targets, "lemmy.example"), "the member who left");
      assertEquals(Set.of("plain https://solo.example/other-inbox solo.example", "plain https://solo.example/users/d/inbox solo.example"),
          only(targets, "solo.example"), "the newly accepted member's inbox too");
    } finally {
      member(community, "https://lemmy.example/u/c", "accepted");
      hearth.sql("UPDATE members SET state = 'pending' WHERE actor_id = 'https://solo.example/users/pending'");
    }
  }

  @Test
  void anAccountMovedToAnotherActorIsReachedAtTheNewActorsInbox() {
    actor("https://lemmy.example/u/c2", "lemmy.example", "https://lemmy.example/new-inbox");
    hearth.sql("UPDATE members SET actor_id = 'https://lemmy.example/u/c2' WHERE actor_id = 'https://lemmy.example/u/c'");
    try {
      assertEquals(Set.of("wrapped https://lemmy.example/new-inbox lemmy.example"), only(reshare(), "lemmy.example"));
    } finally {
      hearth.sql("UPDATE members SET actor_id = 'https://lemmy.example/u/c' WHERE actor_id = 'https://lemmy.example/u/c2'");
    }
  }

  @Test
  void nothingIsEverDeliveredToThisServer() {
    actor(local + "c/mirror", "localhost", local + "inbox");
    member(community, local + "c/mirror", "accepted");
    try {
      assertEquals(Set.of(), only(reshare(), "localhost"));
    } finally {
      hearth.sql("DELETE FROM members WHERE actor_id = $1", local + "c/mirror");
    }
  }

  @Test
  void aReShareInOneStatementStoresBothFormsNotesThePlainOneOnThePostAndReachesTheSameInboxes() {
    long post = hearth.sql("INSERT INTO posts (community_id, object_id, author_id, type, content, object) VALUES ($1, "
        + "'https://masto.example/notes/1', 'https://masto.example/users/a', 'Note', 'hi', '{}') RETURNING id", community)
        .get(0).getLong(0);
    String plainIri = local + "activities/" + java.util.UUID.randomUUID();
    String wrappedIri = local + "activities/" + java.util.UUID.randomUUID();
    int queued = hearth.hearth.database().pool().withTransaction(conn -> store.reshare(new PgTx(conn), community, post, local,
        new OutboxStore.Reshare(plainIri, "https://masto.example/notes/1", "{\"type\":\"Announce\"}", wrappedIri,
            "https://masto.example/notes/1/activity", "{\"type\":\"Announce\",\"object\":{\"bcc\":[\"x\"],\"id\":\"y\"}}")))
        .await();
    assertEquals(3, queued);
    assertEquals(plainIri, hearth.sql("SELECT announce_iri FROM posts WHERE id = $1", post).get(0).getString(0));
    assertEquals(List.of("true true https://masto.example/notes/1", "true false https://masto.example/notes/1/activity"),
        hearth.sql("SELECT public, in_outbox, object_id FROM activities WHERE iri IN ($1, $2) ORDER BY in_outbox DESC",
            plainIri, wrappedIri).stream().map(r -> r.getBoolean(0) + " " + r.getBoolean(1) + " " + r.getString(2)).toList());
    assertEquals("{\"type\": \"Announce\", \"object\": {\"id\": \"y\"}}",
        hearth.sql("SELECT body::text FROM activities WHERE iri = $1", wrappedIri).get(0).getString(0), "no private addressees kept");
    Set<String> out = new TreeSet<>();
    hearth.sql("SELECT a.iri, d.inbox, d.host FROM deliveries d JOIN activities a ON a.id = d.activity_id "
        + "WHERE a.iri IN ($1, $2)", plainIri, wrappedIri)
        .forEach(r -> out.add((r.getString(0).equals(plainIri) ? "plain " : "wrapped ") + r.getString(1) + " " + r.getString(2)));
    assertEquals(new TreeSet<>(List.of(
        "plain https://masto.example/inbox masto.example",
        "plain https://solo.example/users/d/inbox solo.example",
        "wrapped https://lemmy.example/inbox lemmy.example")), out, "the same targets as enqueueToMembers");
  }

  /** A node's delivery worker as the queue sees it, with the given room, recording what it is handed. */
  static final class Recording implements OutboxStore.Sender {
    final int room;
    final java.util.Map<String, Integer> holding;
    final List<OutboxStore.Delivery> taken = new java.util.concurrent.CopyOnWriteArrayList<>();

    Recording(int room, java.util.Map<String, Integer> holding) {
      this.room = room;
      this.holding = holding;
    }

    @Override
    public int room() {
      return room;
    }

    @Override
    public java.util.Map<String, Integer> holding() {
      return holding;
    }

    @Override
    public void take(List<OutboxStore.Delivery> claimed) {
      taken.addAll(claimed);
    }
  }

  static long post(String objectId) {
    return hearth.sql("INSERT INTO posts (community_id, object_id, author_id, type, content, object) VALUES ($1, $2, "
        + "'https://masto.example/users/a', 'Note', 'hi', '{}') RETURNING id", community, objectId).get(0).getLong(0);
  }

  static OutboxStore.Reshare forms(String objectId) {
    return new OutboxStore.Reshare(local + "activities/" + java.util.UUID.randomUUID(), objectId, "{\"type\":\"Announce\"}",
        local + "activities/" + java.util.UUID.randomUUID(), objectId + "/activity", "{\"type\":\"Announce\",\"object\":{}}");
  }

  @Test
  void whatThisNodeHasRoomForIsStoredClaimedForItAndHandedOverOnlyOnceCommitted() {
    OutboxStore own = new OutboxStore(hearth.hearth.database().pool());
    hearth.sql("INSERT INTO hosts (host, software, failing_since) VALUES ('solo.example', 'mastodon', now())");
    try {
      // room for everything, but masto.example already has all its slots taken on this node
      Recording sender = new Recording(10, java.util.Map.of("masto.example", 8));
      own.handTo(sender, 8, java.time.Duration.ofMinutes(2));
      OutboxStore.Reshare r = forms("https://masto.example/notes/claimed");
      long post = post(r.objectId());
      int queued = PgTx.transactions(hearth.hearth.database().pool())
          .inTransaction(tx -> own.reshare(tx, community, post, local, r).map(n -> {
            assertEquals(List.of(), sender.taken, "nothing is handed over before the commit");
            return n;
          })).await();
      assertEquals(3, queued);
      assertEquals(List.of("https://lemmy.example/inbox 1 " + r.wrappedBody()), sender.taken.stream()
          .map(d -> d.inbox() + " " + d.attempts() + " " + d.body()).toList(),
          "only the healthy host with free slots: not solo.example (failing), not masto.example (at its cap here)");
      assertEquals(List.of("https://masto.example/inbox 0", "https://solo.example/users/d/inbox 0"),
          hearth.sql("SELECT d.inbox, d.attempts FROM deliveries d JOIN activities a ON a.id = d.activity_id "
              + "WHERE a.iri IN ($1, $2) AND d.next_attempt_at <= now() AND d.locked_until IS NULL ORDER BY d.inbox",
              r.plainIri(), r.wrappedIri())
              .stream().map(row -> row.getString(0) + " " + row.getInteger(1)).toList(),
          "the deliveries not handed over are rows due now for any node");
      assertEquals(List.of("{https://lemmy.example/inbox} {lemmy.example} true true"),
          hearth.sql("SELECT b.inboxes::text, b.hosts::text, b.locked_until > now() + interval '1 minute', "
              + "b.activity_ids = ARRAY[a.id] FROM delivery_batches b JOIN activities a ON a.iri = $1 "
              + "WHERE b.community_id = $2 AND a.id = ANY(b.activity_ids)", r.wrappedIri(), community)
              .stream().map(row -> row.getString(0) + " " + row.getString(1) + " " + row.getBoolean(2) + " "
                  + row.getBoolean(3)).toList(),
          "the handed-over delivery is one leased batch row (the group-aware server gets the wrapped activity), "
              + "not a row of its own");
      assertEquals(sender.taken.get(0).activityId(), hearth.sql("SELECT id FROM activities WHERE iri = $1",
          r.wrappedIri()).get(0).getLong(0));

      OutboxStore.Reshare rolledBack = forms("https://masto.example/notes/rolled-back");
      long other = post(rolledBack.objectId());
      sender.taken.clear();
      PgTx.transactions(hearth.hearth.database().pool()).inTransaction(tx -> own.reshare(tx, community, other, local, rolledBack)
          .compose(n -> io.vertx.core.Future.failedFuture("rolled back"))).otherwise((Object) null).await();
      assertEquals(List.of(), sender.taken, "nothing handed over from a transaction that failed");

      Recording full = new Recording(0, java.util.Map.of());
      own.handTo(full, 8, java.time.Duration.ofMinutes(2));
      OutboxStore.Reshare none = forms("https://masto.example/notes/no-room");
      long third = post(none.objectId());
      hearth.hearth.database().pool().withTransaction(conn -> own.reshare(new PgTx(conn), community, third, local, none)).await();
      assertEquals(0, hearth.sql("SELECT count(*) FROM deliveries d JOIN activities a ON a.id = d.activity_id "
          + "WHERE a.iri IN ($1, $2) AND (d.attempts > 0 OR d.locked_until IS NOT NULL)", none.plainIri(), none.wrappedIri())
          .get(0).getLong(0), "no room: every row is due for any node");
    } finally {
      hearth.sql("DELETE FROM hosts WHERE host = 'solo.example'");
    }
  }

  @Test
  void aHandedOverDeliveryIsQueuedAgainWhenItsNodeDiesAndAFailureGetsARowOfItsOwn() {
    OutboxStore own = new OutboxStore(hearth.hearth.database().pool());
    DeliveryBatches batches = new DeliveryBatches(hearth.hearth.database().pool());
    Recording sender = new Recording(10, java.util.Map.of());
    own.handTo(sender, 8, java.time.Duration.ofMinutes(2));
    // the node takes the batch and dies: nothing happens until its lease ends, then any node can send every delivery
    OutboxStore.Reshare lost = forms("https://masto.example/notes/node-died");
    long post = post(lost.objectId());
    PgTx.transactions(hearth.hearth.database().pool()).inTransaction(tx -> own.reshare(tx, community, post, local, lost)).await();
    assertEquals(3, sender.taken.size(), "every healthy host had room: all three handed over");
    assertEquals(0, batches.expandExpired(100).await(), "a batch under its lease stays with its node");
    hearth.sql("UPDATE delivery_batches SET locked_until = now() - interval '1 second' WHERE community_id = $1", community);
    assertEquals(3, batches.expandExpired(100).await());
    assertEquals(List.of("https://lemmy.example/inbox 0 true", "https://masto.example/inbox 0 true",
            "https://solo.example/users/d/inbox 0 true"),
        hearth.sql("SELECT d.inbox, d.attempts, d.next_attempt_at <= now() AND d.locked_until IS NULL FROM deliveries d "
            + "JOIN activities a ON a.id = d.activity_id WHERE a.iri IN ($1, $2) ORDER BY d.inbox", lost.plainIri(),
            lost.wrappedIri()).stream().map(r -> r.getString(0) + " " + r.getInteger(1) + " " + r.getBoolean(2)).toList(),
        "the dead node's deliveries are rows due now for any node");
    assertEquals(0, hearth.sql("SELECT count(*) FROM delivery_batches").get(0).getLong(0));

    // a delivery of a batch that fails is retried from a row of its own, which a later expansion leaves alone
    sender.taken.clear();
    OutboxStore.Reshare failing = forms("https://masto.example/notes/server-busy");
    long second = post(failing.objectId());
    PgTx.transactions(hearth.hearth.database().pool()).inTransaction(tx -> own.reshare(tx, community, second, local, failing)).await();
    OutboxStore.Delivery toMasto = sender.taken.stream().filter(d -> d.host().equals("masto.example")).findFirst().orElseThrow();
    batches.retry(toMasto, 503, "HTTP 503", java.time.Duration.ofMinutes(5)).await();
    hearth.sql("UPDATE delivery_batches SET locked_until = now() - interval '1 second' WHERE community_id = $1", community);
    assertEquals(2, batches.expandExpired(100).await(), "the failed one has its row already");
    assertEquals(List.of("https://lemmy.example/inbox 0 null", "https://masto.example/inbox 1 HTTP 503",
            "https://solo.example/users/d/inbox 0 null"),
        hearth.sql("SELECT d.inbox, d.attempts, d.last_error FROM deliveries d JOIN activities a ON a.id = d.activity_id "
            + "WHERE a.iri IN ($1, $2) ORDER BY d.inbox", failing.plainIri(), failing.wrappedIri())
            .stream().map(r -> r.getString(0) + " " + r.getInteger(1) + " " + r.getString(2)).toList());
    hearth.sql("DELETE FROM deliveries");
    hearth.sql("DELETE FROM delivery_batches");
  }

  static Set<String> only(Set<String> targets, String host) {
    Set<String> out = new TreeSet<>();
    targets.stream().filter(t -> t.endsWith(" " + host)).forEach(out::add);
    return out;
  }

  @Test
  void aLiveNodeRenewsTheLeaseOfTheBatchesItHoldsSoTheyAreNeverSentTwice() {
    OutboxStore own = new OutboxStore(hearth.hearth.database().pool());
    DeliveryBatches batches = new DeliveryBatches(hearth.hearth.database().pool());
    own.handTo(new Recording(10, java.util.Map.of()), 8, java.time.Duration.ofMinutes(2));
    OutboxStore.Reshare held = forms("https://masto.example/notes/held-long");
    long post = post(held.objectId());
    PgTx.transactions(hearth.hearth.database().pool()).inTransaction(tx -> own.reshare(tx, community, post, local, held)).await();
    long batch = hearth.sql("SELECT id FROM delivery_batches WHERE community_id = $1", community).get(0).getLong(0);
    hearth.sql("UPDATE delivery_batches SET locked_until = now() + interval '1 second' WHERE id = $1", batch);
    batches.renew(List.of(batch), java.time.Duration.ofMinutes(2)).await();
    assertEquals(true, hearth.sql("SELECT locked_until > now() + interval '1 minute' FROM delivery_batches WHERE id = $1",
        batch).get(0).getBoolean(0), "renewed while its node holds it");
    hearth.sql("UPDATE delivery_batches SET locked_until = now() - interval '1 second' WHERE id = $1", batch);
    batches.renew(List.of(batch), java.time.Duration.ofMinutes(2)).await();
    assertEquals(3, batches.expandExpired(100).await(), "a lease that ran out is not renewed: the batch goes to rows");
    hearth.sql("DELETE FROM deliveries");
    hearth.sql("DELETE FROM delivery_batches");
  }

  @Test
  void postsReSharedTogetherGetEveryDeliveryOfEachAndOneBatchInThePostsOrder() {
    OutboxStore own = new OutboxStore(hearth.hearth.database().pool());
    hearth.sql("DELETE FROM delivery_batches"); // what other tests left
    Recording sender = new Recording(100, java.util.Map.of());
    own.handTo(sender, 8, java.time.Duration.ofMinutes(2));
    List<OutboxStore.Reshared> posts = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      OutboxStore.Reshare r = forms("https://masto.example/notes/together-" + i);
      posts.add(new OutboxStore.Reshared(post(r.objectId()), r));
    }
    int queued = PgTx.transactions(hearth.hearth.database().pool())
        .inTransaction(tx -> own.reshareAll(tx, community, local, posts)).await();
    assertEquals(9, queued, "three targets for each of the three posts");
    assertEquals(1, hearth.sql("SELECT count(*) FROM delivery_batches WHERE community_id = $1", community).get(0).getLong(0));
    List<String> order = new java.util.ArrayList<>();
    for (OutboxStore.Delivery d : sender.taken) {
      long activity = d.activityId();
      order.add(hearth.sql("SELECT object_id FROM activities WHERE id = $1", activity).get(0).getString(0)
          .replace("/activity", "") + " " + d.host());
    }
    assertEquals(List.of("https://masto.example/notes/together-0 lemmy.example",
        "https://masto.example/notes/together-0 masto.example", "https://masto.example/notes/together-0 solo.example",
        "https://masto.example/notes/together-1 lemmy.example", "https://masto.example/notes/together-1 masto.example",
        "https://masto.example/notes/together-1 solo.example", "https://masto.example/notes/together-2 lemmy.example",
        "https://masto.example/notes/together-2 masto.example", "https://masto.example/notes/together-2 solo.example"),
        order, "each post's deliveries, post after post");
    for (OutboxStore.Reshared p : posts) {
      assertEquals(p.activities().plainIri(), hearth.sql("SELECT announce_iri FROM posts WHERE id = $1", p.postId())
          .get(0).getString(0), "each post notes its own plain Announce");
    }
    hearth.sql("DELETE FROM deliveries");
    hearth.sql("DELETE FROM delivery_batches");
  }
}
