package social.hearth.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@code dashboard} phase (issue 18, item 6): a community with a year of history is written in SQL (2,000
 * members who joined over the year, 100,000 posts spread over it with two hashtags each and every fifth a reply,
 * 50,000 likes, a daily rollup row for every day, ten sponsors with newcomers), with every row the triggers of a live
 * site would have written (ledger, leaders' counts, V47 and V56 rollups) dated when it happened; then a moderator signs in and the staff
 * dashboard ({@code /staff/c/bench-dashboard/recognition}: leaderboard, leaders, 30 days of charts, retention, top
 * topics and posts, busiest hours) is rendered one request after another, and each render's time is measured from
 * the request to the last byte, over loopback. Target: p99 under 50 ms.
 */
final class Dashboard {

  static final String SLUG = "bench-dashboard";
  static final int MEMBERS = 2_000;
  static final int LIKES = 50_000;
  static final String PASSWORD = "bench-dashboard-password";

  private Dashboard() {}

  static Map<String, Object> measure(Options o, Postgres pg, String base, int port) throws Exception {
    Map<String, Object> r = new LinkedHashMap<>();
    new Site(base, port).createCommunity(SLUG, "Dashboard bench");
    long t0 = System.nanoTime();
    try (Connection c = pg.connect("hearth_bench")) {
      seed(c, o.dashboardPosts);
    }
    double seeded = (System.nanoTime() - t0) / 1e9;
    r.put("posts", o.dashboardPosts);
    r.put("seedSeconds", seeded);
    Bench.log("dashboard: a year of history (%,d members, %,d posts, %,d likes, 365 days) written in SQL in %.1f s",
        MEMBERS, o.dashboardPosts, LIKES, seeded);

    HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    admin(http, base, "POST", "/api/v1/admin/accounts", "{\"username\":\"dash\",\"password\":\"" + PASSWORD + "\"}");
    admin(http, base, "PUT", "/api/v1/admin/communities/" + SLUG + "/staff/dash", "{\"role\":\"moderator\"}");
    String session = signIn(http, base);
    String path = "/staff/c/" + SLUG + "/recognition";
    HttpRequest page = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html")
        .header("Cookie", session).timeout(Duration.ofSeconds(30)).build();
    HttpResponse<String> first = http.send(page, HttpResponse.BodyHandlers.ofString());
    if (first.statusCode() != 200 || !first.body().contains("data-trends") || !first.body().contains("data-board")) {
      throw new IllegalStateException("the dashboard did not render: " + first.statusCode() + " "
          + first.body().substring(0, Math.min(500, first.body().length())));
    }
    r.put("bytes", first.body().length());
    for (int i = 0; i < o.dashboardWarmup; i++) { // the JIT compiles the page's path first
      http.send(page, HttpResponse.BodyHandlers.discarding());
    }
    if (o.profile) {
      pg.resetStatements("hearth_bench");
    }
    double[] ms = new double[o.dashboardRenders];
    double load = Machine.loadAverage();
    for (int i = 0; i < ms.length; i++) {
      long start = System.nanoTime();
      HttpResponse<byte[]> res = http.send(page, HttpResponse.BodyHandlers.ofByteArray());
      ms[i] = (System.nanoTime() - start) / 1e6;
      if (res.statusCode() != 200) {
        throw new IllegalStateException("render " + i + " answered " + res.statusCode());
      }
    }
    Arrays.sort(ms);
    r.put("renders", ms.length);
    r.put("warmup", o.dashboardWarmup);
    r.put("p50", ms[ms.length / 2]);
    r.put("p99", ms[(int) Math.min(ms.length - 1, Math.ceil(ms.length * 0.99) - 1)]);
    r.put("max", ms[ms.length - 1]);
    r.put("load", load);
    r.put("loadAfter", Machine.loadAverage());
    if (o.profile) { // what each statement of the measured renders cost (pg_stat_statements)
      r.put("statements", pg.topStatements("hearth_bench", 10));
    }
    Bench.log("dashboard: %d renders after %d to warm up: p50 %.1f ms, p99 %.1f ms, max %.1f ms (%,d bytes; load %.1f)",
        ms.length, o.dashboardWarmup, ms[ms.length / 2], (double) r.get("p99"), ms[ms.length - 1], first.body().length(),
        load);
    return r;
  }

  /** The report's section for the phase. */
  static String report(Map<String, Object> r) {
    return String.format(java.util.Locale.ROOT, "### Dashboard (%s)%n%n"
            + "Staff dashboard `/staff/c/%s/recognition` with a year of history: %,d members, %,d posts, %,d likes, "
            + "365 daily rollup rows (written in SQL with the rows its triggers would have made, in %.0f s). %d renders one after another after "
            + "%d to warm up, each timed from the request to the last byte over loopback (%,d bytes).%n%n"
            + "| p50 | p99 | max | target p99 | load average (1 min) before, after |%n| --- | --- | --- | --- | --- |%n"
            + "| %.1f ms | %.1f ms | %.1f ms | < 50 ms | %.1f, %.1f |%n",
        Instant.now(), SLUG, MEMBERS, (int) r.get("posts"), LIKES, (double) r.get("seedSeconds"), (int) r.get("renders"),
        (int) r.get("warmup"), (int) r.get("bytes"), (double) r.get("p50"), (double) r.get("p99"), (double) r.get("max"),
        (double) r.get("load"), (double) r.get("loadAfter"))
        + (r.containsKey("statements") ? String.format("%nStatements of the measured renders (`--profile`):%n%n%s%n",
            r.get("statements")) : "");
  }

  /**
   * Writes the year set-based, with the row triggers off for this session, and then the rows those triggers would
   * have written over the year (the points ledger, the leaders' counts, the daily and V56 rollups), each dated when it
   * happened: row by row through the triggers, 100,000 posts took over 15 minutes on the shared machine.
   */
  private static void seed(Connection c, int posts) throws Exception {
    String topics = "(ARRAY['books','translation','poetry','reading','novels','history','essays','fiction'])";
    String actor = "'https://dash.example/users/m' || ";
    try (Statement st = c.createStatement()) {
      st.execute("SET session_replication_role = replica");
      st.execute("CREATE TEMP TABLE dash AS SELECT id AS c FROM communities WHERE slug = '" + SLUG + "'");
      st.execute("INSERT INTO remote_actors (id, type, host, preferred_username, inbox, document) SELECT " + actor
          + "g, 'Person', 'dash.example', 'm' || g, " + actor + "g || '/inbox', '{}'::jsonb "
          + "FROM generate_series(0, " + (MEMBERS - 1) + ") g");
      st.execute("INSERT INTO members (community_id, actor_id, follow_id, state, joined_at, accepted_at, delivery_inbox, "
          + "delivery_host) SELECT (SELECT c FROM dash), " + actor + "g, 'https://dash.example/follows/' || g, 'accepted', "
          + "now() - (365 - g * 365 / " + MEMBERS + ") * interval '1 day', now() - (365 - g * 365 / " + MEMBERS
          + ") * interval '1 day', " + actor + "g || '/inbox', 'dash.example' FROM generate_series(0, " + (MEMBERS - 1)
          + ") g");
      st.execute("UPDATE communities SET member_count = " + MEMBERS + " WHERE id = (SELECT c FROM dash)");
      // a post every (year / posts); two hashtags of eight each; every fifth answers the one before it
      st.execute("INSERT INTO posts (community_id, object_id, author_id, type, content, object, created_at, in_reply_to, "
          + "excerpt) SELECT (SELECT c FROM dash), " + actor + "(g % " + MEMBERS + ") || '/statuses/' || g, " + actor
          + "(g % " + MEMBERS + "), 'Note', '<p>Post ' || g || '</p>', jsonb_build_object('type', 'Note', 'tag', "
          + "jsonb_build_array(jsonb_build_object('type', 'Hashtag', 'name', '#' || " + topics + "[g % 8 + 1]), "
          + "jsonb_build_object('type', 'Hashtag', 'name', '#' || " + topics + "[(g / 3) % 8 + 1]))), "
          + "now() - (" + posts + " - g) * (interval '365 days' / " + posts + "), CASE WHEN g % 5 = 4 THEN " + actor
          + "((g - 1) % " + MEMBERS + ") || '/statuses/' || (g - 1) END, 'Post ' || g "
          + "FROM generate_series(0, " + (posts - 1) + ") g");
      st.execute("INSERT INTO likes (like_id, community_id, object_id, actor_id, created_at) SELECT "
          + "'https://dash.example/likes/' || g, (SELECT c FROM dash), " + actor + "((g * 2) % " + posts + " % " + MEMBERS
          + ") || '/statuses/' || ((g * 2) % " + posts + "), " + actor + "((g * 7 + 1) % " + MEMBERS + "), now() - "
          + "(" + LIKES + " - g) * (interval '365 days' / " + LIKES + ") FROM generate_series(0, " + (LIKES - 1) + ") g");
      // what V46's triggers write: points for posts, replies and likes from others, replies counted, newcomers answered
      st.execute("INSERT INTO points_ledger (community_id, actor_id, points, kind, source, post, at) SELECT community_id, "
          + "author_id, 5, 'post', object_id, object_id, created_at FROM posts WHERE community_id = (SELECT c FROM dash)");
      st.execute("INSERT INTO points_ledger (community_id, actor_id, points, kind, source, post, from_actor, at) SELECT "
          + "p.community_id, p.author_id, 2, 'reply', r.object_id, p.object_id, r.author_id, r.created_at FROM posts r "
          + "JOIN posts p ON p.community_id = r.community_id AND p.object_id = r.in_reply_to "
          + "WHERE r.community_id = (SELECT c FROM dash) AND r.author_id <> p.author_id");
      st.execute("INSERT INTO points_ledger (community_id, actor_id, points, kind, source, post, from_actor, at) SELECT "
          + "p.community_id, p.author_id, 1, 'like', l.like_id, p.object_id, l.actor_id, l.created_at FROM likes l "
          + "JOIN posts p ON p.community_id = l.community_id AND p.object_id = l.object_id "
          + "WHERE l.community_id = (SELECT c FROM dash) AND l.actor_id <> p.author_id");
      // V53: each member's total, as the ledger's deferred trigger keeps it
      st.execute("INSERT INTO member_points (community_id, actor_id, total) SELECT community_id, actor_id, sum(points) "
          + "FROM points_ledger WHERE community_id = (SELECT c FROM dash) GROUP BY 1, 2");
      st.execute("INSERT INTO member_contributions (community_id, actor_id, replies) SELECT r.community_id, r.author_id, "
          + "count(*) FROM posts r WHERE r.community_id = (SELECT c FROM dash) AND r.in_reply_to IS NOT NULL "
          + "GROUP BY 1, 2");
      st.execute("INSERT INTO newcomer_answers (community_id, post, newcomer, answerer, reply, seconds, at) "
          + "SELECT f.community_id, f.object_id, f.author_id, r.author_id, r.object_id, "
          + "extract(epoch FROM r.created_at - f.created_at)::bigint, r.created_at FROM (SELECT DISTINCT ON (author_id) "
          + "community_id, author_id, object_id, created_at FROM posts WHERE community_id = (SELECT c FROM dash) "
          + "ORDER BY author_id, created_at) f JOIN posts r ON r.community_id = f.community_id "
          + "AND r.in_reply_to = f.object_id AND r.author_id <> f.author_id ON CONFLICT DO NOTHING");
      // V47: a row per day, and who was active on which day
      st.execute("INSERT INTO community_days (community_id, day, joins, leaves, removals, members, posts_accepted, "
          + "posts_held, posts_refused) SELECT (SELECT c FROM dash), current_date - d, 6, 1, d % 7 / 6, "
          + MEMBERS + " - d * 5, " + posts + " / 365, 3, 1 FROM generate_series(0, 364) d");
      st.execute("INSERT INTO member_activity (community_id, day, actor_id) SELECT DISTINCT community_id, "
          + "(created_at AT TIME ZONE 'UTC')::date, author_id FROM posts WHERE community_id = (SELECT c FROM dash)");
      // V56: hours, topics, scored posts, newcomers' weeks
      st.execute("INSERT INTO community_hours (community_id, slot, posts) SELECT community_id, date_bin('15 minutes', "
          + "created_at, TIMESTAMPTZ '2000-01-01 00:00:00+00'), count(*) FROM posts "
          + "WHERE community_id = (SELECT c FROM dash) GROUP BY 1, 2");
      st.execute("INSERT INTO community_tags (community_id, day, tag, posts) SELECT p.community_id, "
          + "(p.created_at AT TIME ZONE 'UTC')::date, lower(ltrim(e ->> 'name', '#')), count(DISTINCT p.id) FROM posts p, "
          + "jsonb_array_elements(p.object -> 'tag') e WHERE p.community_id = (SELECT c FROM dash) GROUP BY 1, 2, 3");
      st.execute("INSERT INTO post_scores (post_id, community_id, day, likes, replies) SELECT p.id, p.community_id, "
          + "(p.created_at AT TIME ZONE 'UTC')::date, COALESCE(l.n, 0), COALESCE(r.n, 0) FROM posts p "
          + "LEFT JOIN (SELECT l.object_id, count(*) AS n FROM likes l JOIN posts q ON q.community_id = l.community_id "
          + "AND q.object_id = l.object_id WHERE l.community_id = (SELECT c FROM dash) AND l.actor_id <> q.author_id "
          + "GROUP BY 1) l ON l.object_id = p.object_id LEFT JOIN (SELECT r.in_reply_to, count(*) AS n FROM posts r "
          + "JOIN posts q ON q.community_id = r.community_id AND q.object_id = r.in_reply_to "
          + "WHERE r.community_id = (SELECT c FROM dash) AND r.author_id <> q.author_id GROUP BY 1) r "
          + "ON r.in_reply_to = p.object_id WHERE p.community_id = (SELECT c FROM dash) AND (l.n IS NOT NULL OR r.n IS NOT NULL)");
      st.execute("INSERT INTO newcomer_weeks (community_id, cohort, week, actor_id) SELECT DISTINCT p.community_id, "
          + "date_trunc('week', m.accepted_at AT TIME ZONE 'UTC')::date, ((date_trunc('week', p.created_at AT TIME ZONE "
          + "'UTC')::date - date_trunc('week', m.accepted_at AT TIME ZONE 'UTC')::date) / 7)::smallint, p.author_id "
          + "FROM posts p JOIN members m ON m.community_id = p.community_id AND m.actor_id = p.author_id "
          + "WHERE p.community_id = (SELECT c FROM dash) AND p.created_at >= date_trunc('week', m.accepted_at AT TIME "
          + "ZONE 'UTC') AT TIME ZONE 'UTC' AND p.created_at < (date_trunc('week', m.accepted_at AT TIME ZONE 'UTC') "
          + "+ interval '13 weeks') AT TIME ZONE 'UTC'");
      // V55: ten sponsors, each with newcomers
      st.execute("INSERT INTO sponsors (community_id, actor_id) SELECT (SELECT c FROM dash), " + actor + "g "
          + "FROM generate_series(0, 9) g");
      st.execute("INSERT INTO sponsor_pairs (community_id, newcomer_id, sponsor_id, offered) SELECT (SELECT c FROM dash), "
          + actor + "g, " + actor + "(g % 10), ARRAY[" + actor + "(g % 10)] FROM generate_series(1000, 1199) g");
      st.execute("RESET session_replication_role");
      st.execute("ANALYZE");
    }
  }

  private static void admin(HttpClient http, String base, String method, String path, String json) throws Exception {
    HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Authorization", "Bearer " + Bench.ADMIN_TOKEN).header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(json)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (res.statusCode() / 100 != 2) {
      throw new IllegalStateException(method + " " + path + ": " + res.statusCode() + " " + res.body());
    }
  }

  /** Signs in as the moderator the way a browser does; the session cookie. */
  private static String signIn(HttpClient http, String base) throws Exception {
    HttpResponse<String> form = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
        .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
    String token = cookie(form, "hearth_login");
    Map<String, String> fields = Map.of("_csrf", token, "username", "dash", "password", PASSWORD, "next", "/staff");
    String body = fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
        .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", "hearth_login=" + token)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    if (res.statusCode() != 303) {
      throw new IllegalStateException("sign-in failed: " + res.statusCode() + " " + res.body());
    }
    return "hearth_session=" + cookie(res, "hearth_session");
  }

  private static String cookie(HttpResponse<?> r, String name) {
    for (String c : r.headers().allValues("set-cookie")) {
      if (c.startsWith(name + "=")) {
        return c.substring(c.indexOf('=') + 1, c.indexOf(';'));
      }
    }
    throw new IllegalStateException("no " + name + " cookie");
  }
}
