package social.hearth.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.hearth.config.Config;
import social.hearth.testing.TestDatabase;

/**
 * Accepted posts and their reviews may be stored in batches, one multi-row INSERT for up to 64 posts. What members
 * and creators see of them (points and daily caps, replies and answers to newcomers, achievements, the creator's
 * dashboard and trends, slow mode and probation) is kept by statement-level triggers (V64) and must be what the row
 * triggers before them (V46, V47, V30, V56) kept, post after post: the same scenario (two communities, one author
 * several times in one statement, caps crossed inside it, replies to posts of the same batch) is stored in four
 * fresh databases, with the old and the new triggers, in one statement and one statement per post, and each table
 * they write is compared row for row.
 */
class BatchedPostInsertTriggersTest {

  static final String ANN = "https://a.example/users/ann";
  static final String BOB = "https://b.example/users/bob";
  static final String DAN = "https://d.example/users/dan";
  static final String EVE = "https://e.example/users/eve";
  static final String PAM = "https://p.example/users/pam";
  static final String OUT = "https://o.example/users/out";

  record Post(int community, String id, String author, String inReplyTo, String at, String deletedAt, String tags) {}

  record Item(int community, String objectId, String kind, String author, String state, String at) {}

  static String note(String who, String name) {
    return who + "/notes/" + name;
  }

  static String tags(String... names) {
    List<String> t = new ArrayList<>();
    for (String n : names) {
      t.add(n.startsWith("{") || n.startsWith("\"") ? n : "{\"type\": \"Hashtag\", \"name\": \"" + n + "\"}");
    }
    return "[" + String.join(", ", t) + "]";
  }

  /** Posts stored before the batch, one at a time: Ann is no newcomer in either community, Eve's first post waits. */
  static final List<Post> EARLIER = List.of(
      new Post(1, note(ANN, "old-1"), ANN, null, "2026-01-01 10:00+00", null, null),
      new Post(1, note(OUT, "old"), OUT, null, "2026-01-02 10:00+00", null, null),
      new Post(1, note(ANN, "gone"), ANN, null, "2026-01-03 10:00+00", "2026-01-04 10:00+00", null),
      new Post(2, note(ANN, "old-2"), ANN, null, "2026-01-01 11:00+00", null, null),
      new Post(2, note(EVE, "first"), EVE, null, "2026-01-08 12:00+00", null, null));

  /** The batch, in the order it is inserted. */
  static final List<Post> BATCH = List.of(
      new Post(1, note(ANN, "b1"), ANN, null, "2026-01-12 09:01+00", null, tags("#Java", "#java", "Cats")),
      new Post(2, note(BOB, "b2"), BOB, note(EVE, "first"), "2026-01-12 09:14+00", null,
          tags("#a1", "#a2", "#a3", "#a4", "#a5", "#a6", "#a7", "#a8", "#a9", "#a10", "\"text\"", "{\"type\": \"Mention\"}",
              "#a13", "#a14", "#a15", "#a16", "#a17", "#a18", "#a19", "#a20", "#beyond20", "#")),
      new Post(1, note(DAN, "d1"), DAN, null, "2026-01-12 09:16+00", null, tags("#Java")),
      new Post(1, note(ANN, "b3"), ANN, note(DAN, "d1"), "2026-01-12 09:20+00", null, null),
      new Post(1, note(BOB, "b4"), BOB, note(DAN, "d1"), "2026-01-12 09:29+00", null, null),
      new Post(1, note(ANN, "b5"), ANN, note(DAN, "d1"), "2026-01-12 09:31+00", null, tags("#cats")),
      new Post(1, note(OUT, "o1"), OUT, note(ANN, "b1"), "2026-01-12 09:44+00", null, null),
      new Post(1, note(ANN, "b6"), ANN, note(ANN, "b1"), "2026-01-12 09:45+00", null, null),
      new Post(1, note(BOB, "b7"), BOB, note(OUT, "old"), "2026-01-12 10:02+00", null, null),
      new Post(1, note(DAN, "d2"), DAN, note(ANN, "old-1"), "2026-01-12 10:03+00", "2026-01-12 11:00+00", tags("#hidden")),
      new Post(1, note(BOB, "b8"), BOB, note(ANN, "gone"), "2026-01-12 10:04+00", null, null),
      new Post(1, note(PAM, "p1"), PAM, null, "2026-01-12 10:05+00", null, null),
      new Post(2, note(BOB, "b-re"), BOB, null, "2026-01-12 10:06+00", null, null),
      new Post(1, note(BOB, "b-dup"), BOB, null, "2026-01-12 10:07+00", null, null),
      new Post(2, note(ANN, "b9"), ANN, note(BOB, "b2"), "2026-01-12 10:08+00", null, tags("#Java")),
      new Post(1, note(DAN, "d3"), DAN, note(ANN, "b1"), "2026-01-12 10:20+00", null, null),
      new Post(1, note(BOB, "b10"), BOB, note(ANN, "b1"), "2026-01-12 10:21+00", null, null),
      new Post(2, note(OUT, "o2"), OUT, null, "2026-01-13 00:05+00", null, tags("#Java", "#night")),
      new Post(1, note(BOB, "late"), BOB, null, "2026-06-01 08:00+00", null, null),
      new Post(1, note(DAN, "d4"), DAN, note(BOB, "b4"), "2026-01-19 09:00+00", null, null));

  /** Their reviews, and other kinds of items, in one statement or one each. */
  static final List<Item> ITEMS = List.of(
      new Item(1, note(ANN, "b1"), "post", ANN, "accepted", "2026-01-12 09:01+00"),
      new Item(2, note(BOB, "b2"), "post", BOB, "accepted", "2026-01-12 09:14+00"),
      new Item(1, note(DAN, "d1"), "post", DAN, "approved", "2026-01-12 09:16+00"),
      new Item(1, note(ANN, "b3"), "post", ANN, "held", "2026-01-12 09:20+00"),
      new Item(1, note(BOB, "b4"), "post", BOB, "accepted", "2026-01-12 09:29+00"),
      new Item(1, note(ANN, "b5"), "post", ANN, "rejected", "2026-01-12 09:31+00"),
      new Item(1, note(OUT, "o1"), "post", OUT, "declined", "2026-01-12 09:44+00"),
      new Item(1, note(ANN, "b6"), "post", ANN, "overturned", "2026-01-12 09:45+00"),
      new Item(1, note(BOB, "b7"), "post", BOB, "held", "2026-01-12 10:02+00"),
      new Item(1, note(BOB, "b7") + "#like", "like", BOB, "accepted", "2026-01-12 11:02+00"),
      new Item(1, note(BOB, "b7") + "#edit", "update", BOB, "held", "2026-01-12 11:03+00"),
      new Item(2, note(BOB, "b-re"), "post", BOB, "accepted", "2026-01-12 10:06+00"),
      new Item(2, note(ANN, "b9"), "post", ANN, "held", "2026-01-12 10:08+00"),
      new Item(1, note(BOB, "late"), "post", BOB, "accepted", "2026-06-01 08:00+00"),
      new Item(1, note(BOB, "b10"), "post", BOB, "approved", "2026-01-12 10:21+00"));

  static Map<String, List<String>> oldOneByOne;
  static Map<String, List<String>> oldTogether;
  static Map<String, List<String>> newOneByOne;
  static Map<String, List<String>> newTogether;

  @BeforeAll
  static void storeTheScenarioFourWays() throws Exception {
    oldOneByOne = scenario(false, false);
    oldTogether = scenario(false, true);
    newOneByOne = scenario(true, false);
    newTogether = scenario(true, true);
  }

  @Test
  void postsArrivingTogetherEarnTheSamePointsAsPostsArrivingOneByOne() {
    for (String table : List.of("points_ledger", "member_points", "recognition_pending", "member_contributions",
        "newcomer_answers")) {
      same(table);
    }
  }

  @Test
  void aDailyCapCountsThePostsEarlierInTheSameBatch() {
    // one caps posts at 2 a day: Ann had one today (old-1), so her b1 earns and b3, b5, b6 do not; Bob's b-dup had
    // earned already (not again, but it counts), so his b4 earns and b7, b8, b10, late do not; Dan's d2 is deleted,
    // so d1 and d3 earn and d4 does not. Replies are capped at 1 a day: Dan earns for Ann's b3 only (not b4, b5), Ann
    // for Dan's d3 only (not b10). Ann answered Dan's first post twice (b3, b5): once is earned. In two replies earn
    // nothing (weight 0), but answers to newcomers do; Bob's b-re earns again since its points were taken back.
    assertEquals(List.of(
        "1 " + BOB + " 5 post " + note(BOB, "b-dup"),
        "2 " + BOB + " 5 post " + note(BOB, "b-re"),
        "2 " + BOB + " -5 reversal " + note(BOB, "b-re"),
        "1 " + ANN + " 5 post " + note(ANN, "old-1"),
        "2 " + ANN + " 5 post " + note(ANN, "old-2"),
        "2 " + EVE + " 5 post " + note(EVE, "first"),
        "1 " + ANN + " 5 post " + note(ANN, "b1"),
        "2 " + BOB + " 5 post " + note(BOB, "b2"),
        "2 " + BOB + " 10 newcomer_answer " + note(BOB, "b2"),
        "1 " + DAN + " 5 post " + note(DAN, "d1"),
        "1 " + DAN + " 2 reply " + note(ANN, "b3"),
        "1 " + ANN + " 10 newcomer_answer " + note(ANN, "b3"),
        "1 " + BOB + " 5 post " + note(BOB, "b4"),
        "1 " + BOB + " 10 newcomer_answer " + note(BOB, "b4"),
        "1 " + PAM + " 5 post " + note(PAM, "p1"),
        "2 " + BOB + " 5 post " + note(BOB, "b-re"),
        "2 " + ANN + " 5 post " + note(ANN, "b9"),
        "2 " + ANN + " 10 newcomer_answer " + note(ANN, "b9"),
        "1 " + DAN + " 5 post " + note(DAN, "d3"),
        "1 " + ANN + " 2 reply " + note(DAN, "d3"),
        "1 " + BOB + " 2 reply " + note(DAN, "d4"),
        "1 " + DAN + " 10 newcomer_answer " + note(DAN, "d4")), newTogether.get("ledger in brief"));
  }

  @Test
  void theCreatorsDashboardShowsTheSameFiguresWhenPostsArriveTogether() {
    for (String table : List.of("member_activity", "community_days", "community_hours", "community_tags",
        "post_scores", "newcomer_weeks")) {
      same(table);
    }
    List<String> tags = newTogether.get("community_tags");
    assertEquals(List.of("1 2026-01-12 cats 2", "1 2026-01-12 java 2"),
        tags.stream().filter(r -> r.startsWith("1 ")).toList(), "once per post, whatever its case or '#'; not deleted");
    assertEquals(21, tags.stream().filter(r -> r.startsWith("2 ")).count(), "the first 20 of a post's tags");
  }

  @Test
  void slowModeProbationAndAchievementsSeeTheSamePostsWhenReviewsArriveTogether() {
    same("author_posting");
    same("member_achievements");
  }

  static void same(String table) {
    assertEquals(oldOneByOne.get(table), oldTogether.get(table), table + ": the row triggers, in one statement");
    assertEquals(oldOneByOne.get(table), newOneByOne.get(table), table + ": the statement triggers, post by post");
    assertEquals(oldOneByOne.get(table), newTogether.get(table), table + ": the statement triggers, in one statement");
  }

  /** Stores the scenario in a fresh database, with V64 or only up to V63, and reads back what the triggers wrote. */
  static Map<String, List<String>> scenario(boolean statementTriggers, boolean together) throws Exception {
    Config.DatabaseUrl db = TestDatabase.fresh();
    String jdbc = "jdbc:postgresql://" + db.host() + ":" + db.port() + "/" + db.database();
    if (statementTriggers) {
      Database.migrate(db);
    } else {
      Flyway.configure().dataSource(jdbc, db.user(), db.password()).locations("classpath:db/migration").target("63")
          .load().migrate();
    }
    try (Connection c = DriverManager.getConnection(jdbc, db.user(), db.password())) {
      fixture(c);
      for (Post p : EARLIER) {
        posts(c, List.of(p));
      }
      if (together) {
        c.setAutoCommit(false);
        posts(c, BATCH);
        items(c, ITEMS);
        c.commit();
        c.setAutoCommit(true);
      } else {
        for (Post p : BATCH) {
          posts(c, List.of(p));
        }
        for (Item i : ITEMS) {
          items(c, List.of(i));
        }
      }
      try (Statement s = c.createStatement()) {
        // a held post approved afterwards: still counted by the row triggers on UPDATE
        s.execute("UPDATE moderation_items SET state = 'approved' WHERE object_id = '" + note(BOB, "b7") + "'");
      }
      Map<String, List<String>> tables = read(c);
      try (Statement s = c.createStatement()) {
        s.execute("SELECT recognition_evaluate(1000)");
      }
      tables.put("member_achievements", rows(c, "SELECT community_id, actor_id, key, announce FROM member_achievements "
          + "ORDER BY 1, 2, 3"));
      return tables;
    }
  }

  static void fixture(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("INSERT INTO communities (slug, name, private_key_pem, public_key_pem) VALUES "
          + "('one', 'One', 'x', 'y'), ('two', 'Two', 'x', 'y')");
      for (String who : List.of(ANN, BOB, DAN, EVE, PAM, OUT)) {
        s.execute("INSERT INTO remote_actors (id, type, host, inbox, document) VALUES ('" + who + "', 'Person', "
            + "'x.example', '" + who + "/inbox', '{}')");
      }
      String[][] members = {{"1", ANN, "2025-06-02"}, {"2", ANN, "2025-06-02"}, {"1", BOB, "2026-01-05"},
          {"2", BOB, "2026-01-06"}, {"1", DAN, "2026-01-07"}, {"2", EVE, "2026-01-06"}, {"1", PAM, null}};
      for (String[] m : members) {
        s.execute("INSERT INTO members (community_id, actor_id, follow_id, accepted_at) VALUES (" + m[0] + ", '" + m[1]
            + "', '" + m[1] + "#follow" + m[0] + "', " + (m[2] == null ? "NULL" : "'" + m[2] + " 12:00+00'") + ")");
      }
      s.execute("INSERT INTO recognition_settings (community_id, weights, caps) VALUES "
          + "(1, '{}', '{\"post\": 2, \"reply\": 1, \"newcomer_answer\": 1}'), (2, '{\"reply\": 0}', '{}')");
      s.execute("INSERT INTO achievements (community_id, key, fact, threshold, name) VALUES (1, 'posts_2', 'posts', 2, "
          + "'Two'), (1, 'points_12', 'points', 12, 'Twelve')");
      // Bob's b-dup earned already (by an earlier copy); his b-re in two earned and was taken back
      s.execute("INSERT INTO points_ledger (community_id, actor_id, points, kind, source, post, from_actor) VALUES "
          + "(1, '" + BOB + "', 5, 'post', '" + note(BOB, "b-dup") + "', '" + note(BOB, "b-dup") + "', '" + BOB + "'), "
          + "(2, '" + BOB + "', 5, 'post', '" + note(BOB, "b-re") + "', '" + note(BOB, "b-re") + "', '" + BOB + "')");
      s.execute("SELECT recognition_take_back(2, 'post_removed', '" + note(BOB, "b-re") + "', NULL, NULL)");
    }
  }

  static void posts(Connection c, List<Post> posts) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO posts (community_id, object_id, author_id, type, object, "
        + "in_reply_to, created_at, deleted_at) SELECT c, o, a, 'Note', jsonb_build_object('id', o) || CASE WHEN t IS "
        + "NULL THEN '{}' ELSE jsonb_build_object('tag', t::jsonb) END, r, at, d FROM unnest(?::bigint[], ?::text[], ?::text[], "
        + "?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[]) AS x (c, o, a, t, r, at, d)")) {
      ps.setArray(1, c.createArrayOf("bigint", posts.stream().map(p -> (long) p.community()).toArray()));
      List<Function<Post, String>> columns = List.of(Post::id, Post::author, Post::tags, Post::inReplyTo, Post::at,
          Post::deletedAt);
      for (int i = 0; i < columns.size(); i++) {
        ps.setArray(i + 2, c.createArrayOf("text", posts.stream().map(columns.get(i)).toArray()));
      }
      assertEquals(posts.size(), ps.executeUpdate());
    }
  }

  static void items(Connection c, List<Item> items) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO moderation_items (community_id, activity_id, kind, "
        + "object_id, author_id, activity, decision, state, created_at) SELECT c, o || '#activity', k, o, a, '{}', "
        + "CASE WHEN s = 'held' THEN 'hold' WHEN s IN ('rejected', 'declined') THEN 'reject' ELSE 'accept' END, s, at "
        + "FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[]) AS x (c, o, k, a, s, at)")) {
      ps.setArray(1, c.createArrayOf("bigint", items.stream().map(i -> (long) i.community()).toArray()));
      List<Function<Item, String>> columns = List.of(Item::objectId, Item::kind, Item::author, Item::state, Item::at);
      for (int i = 0; i < columns.size(); i++) {
        ps.setArray(i + 2, c.createArrayOf("text", items.stream().map(columns.get(i)).toArray()));
      }
      assertEquals(items.size(), ps.executeUpdate());
    }
  }

  /** Every table the triggers write, its rows in key order (the ledger in the order it was written), ids left out. */
  static Map<String, List<String>> read(Connection c) throws SQLException {
    Map<String, List<String>> t = new LinkedHashMap<>();
    t.put("points_ledger", rows(c, "SELECT community_id, actor_id, points, kind, source, post, from_actor, reason, "
        + "by_whom, reverses IS NOT NULL FROM points_ledger ORDER BY id"));
    t.put("ledger in brief", rows(c, "SELECT community_id, actor_id, points, kind, source FROM points_ledger ORDER BY id"));
    t.put("member_points", rows(c, "SELECT * FROM member_points ORDER BY 1, 2"));
    t.put("recognition_pending", rows(c, "SELECT community_id, actor_id FROM recognition_pending ORDER BY 1, 2"));
    t.put("member_contributions", rows(c, "SELECT * FROM member_contributions ORDER BY 1, 2"));
    t.put("newcomer_answers", rows(c, "SELECT * FROM newcomer_answers ORDER BY 1, 2, 3, 4"));
    t.put("member_activity", rows(c, "SELECT community_id, day = analytics_today(), actor_id FROM member_activity ORDER BY 1, 3"));
    t.put("community_days", rows(c, "SELECT community_id, day = analytics_today(), joins, leaves, removals, members, "
        + "posts_accepted, posts_held, posts_refused FROM community_days ORDER BY 1, 2"));
    t.put("community_hours", rows(c, "SELECT * FROM community_hours ORDER BY 1, 2"));
    t.put("community_tags", rows(c, "SELECT * FROM community_tags ORDER BY 1, 2, 3"));
    t.put("post_scores", rows(c, "SELECT p.object_id, s.community_id, s.day, s.likes, s.replies FROM post_scores s "
        + "JOIN posts p ON p.id = s.post_id ORDER BY 1"));
    t.put("newcomer_weeks", rows(c, "SELECT * FROM newcomer_weeks ORDER BY 1, 2, 3, 4"));
    t.put("author_posting", rows(c, "SELECT * FROM author_posting ORDER BY 1, 2"));
    return t;
  }

  static List<String> rows(Connection c, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      int n = r.getMetaData().getColumnCount();
      while (r.next()) {
        List<String> values = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          values.add(r.getString(i));
        }
        rows.add(String.join(" ", values));
      }
    }
    return rows;
  }
}
