package social.hearth.membership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.hearth.config.Config;
import social.hearth.federation.sig.SigningKey;
import social.hearth.testing.FakeActorServer;
import social.hearth.testing.Fediverse;
import social.hearth.testing.TestDatabase;
import social.hearth.testing.TestHearth;

/**
 * The member count a visitor sees on the community page, in the followers collection and on the home page is stored
 * (not counted per view): it must follow every way a membership begins or ends, and match the members there are.
 */
class MemberCountTest {

  static TestHearth hearth;
  static FakeActorServer remote;
  static FakeActorServer other;
  static Fediverse fed;

  @BeforeAll
  static void start() {
    hearth = TestHearth.start();
    remote = FakeActorServer.start(hearth.vertx, "127.0.0.81");
    other = FakeActorServer.start(hearth.vertx, "127.0.0.82");
    fed = new Fediverse(hearth, remote);
  }

  @AfterAll
  static void stop() {
    other.close();
    remote.close();
    hearth.close();
  }

  static final Pattern MEMBERS = Pattern.compile("<li>(\\d+) members?</li>");

  /** The count on the page, in the followers collection and on the home page, all checked against the members. */
  static void shows(String slug, long expected) throws Exception {
    String page = hearth.get(hearth.base + "/c/" + slug, "text/html").body();
    Matcher m = MEMBERS.matcher(page);
    assertTrue(m.find(), "the page shows a member count");
    assertEquals(expected, Long.parseLong(m.group(1)), "the count on the page");
    assertEquals(expected, hearth.getJson(hearth.base + "/c/" + slug + "/followers").get("totalItems").asLong(),
        "totalItems of the followers collection");
    String home = hearth.get(hearth.base + "/?q=" + slug, "text/html").body();
    assertTrue(home.contains("@" + slug + "@") && home.contains(" · " + expected + " member"), "the count on the home page");
    long counted = hearth.sql("SELECT count(*) FROM members m JOIN communities c ON c.id = m.community_id "
        + "WHERE c.slug = $1 AND m.state = 'accepted'", slug).get(0).getLong(0);
    assertEquals(counted, expected, "the members there are");
  }

  @Test
  void theMemberCountFollowsJoinsLeavesRemovalsBansExpiryMovesAndBlocks() throws Exception {
    String g = hearth.createCommunity("counted", "Counted");
    shows("counted", 0);

    SigningKey[] people = new SigningKey[8];
    for (int i = 0; i < people.length; i++) {
      people[i] = remote.addPerson("p" + i);
      fed.follow(people[i], g);
    }
    shows("counted", 8);
    fed.follow(people[0], g);
    shows("counted", 8); // a repeated Follow of a member counts once

    ObjectNode first = Fediverse.activity(people[0], "Follow", g);
    fed.send(people[0], g + "/inbox", first);
    fed.send(people[0], fed.inbox(), Fediverse.activity(people[0], "Undo", first));
    shows("counted", 7); // left with Undo{Follow}
    String follow = fed.follow(people[1], g);
    fed.send(people[1], fed.inbox(), Fediverse.activity(people[1], "Undo", follow));
    shows("counted", 6); // left with an Undo naming only the Follow's id

    fed.admin("POST", "/api/v1/admin/communities/counted/members/remove", "{\"actor\":\"" + Fediverse.actor(people[2]) + "\"}", 200);
    shows("counted", 5);
    fed.admin("POST", "/api/v1/admin/communities/counted/members/ban", "{\"actor\":\"" + Fediverse.actor(people[3]) + "\"}", 200);
    shows("counted", 4);
    fed.admin("POST", "/api/v1/admin/bans", "{\"actor\":\"" + Fediverse.actor(people[4]) + "\",\"reason\":\"spam\"}", 200);
    shows("counted", 3); // an instance ban ends every membership

    fed.admin("POST", "/api/v1/admin/communities/counted/members/role", "{\"actor\":\"" + Fediverse.actor(people[5]) + "\",\"role\":\"moderator\"}", 200);
    String soon = Instant.now().plus(3, ChronoUnit.DAYS).toString();
    fed.admin("POST", "/api/v1/admin/communities/counted/members/expiry", "{\"actor\":\"" + Fediverse.actor(people[5]) + "\",\"expiresAt\":\"" + soon + "\"}", 200);
    shows("counted", 3); // a role or an expiry date changes nothing
    hearth.sql("UPDATE members SET expires_at = now() - interval '1 minute' WHERE actor_id = $1", Fediverse.actor(people[5]));
    hearth.hearth.maintenance().membershipPass().await();
    shows("counted", 2); // expired

    remote.addPerson("p6-new", List.of(Fediverse.actor(people[6])));
    ObjectNode move = Fediverse.activity(people[6], "Move", Fediverse.actor(people[6]));
    move.put("target", remote.origin + "/users/p6-new");
    fed.send(people[6], fed.inbox(), move);
    shows("counted", 2); // moved to a new account: still one member
    SigningKey twin = remote.addPerson("p7-new", List.of(Fediverse.actor(people[7])));
    fed.follow(twin, g);
    shows("counted", 3);
    ObjectNode merge = Fediverse.activity(people[7], "Move", Fediverse.actor(people[7]));
    merge.put("target", Fediverse.actor(twin));
    fed.send(people[7], fed.inbox(), merge);
    shows("counted", 2); // moved to an account that was already a member

    fed.admin("PATCH", "/api/v1/admin/communities/counted", "{\"joinPolicy\":\"approval\"}", 200);
    SigningKey asking = remote.addPerson("asking");
    fed.follow(asking, g);
    shows("counted", 2); // a request is not a member
    fed.admin("POST", "/api/v1/admin/communities/counted/members/approve", "{\"actor\":\"" + Fediverse.actor(asking) + "\"}", 200);
    shows("counted", 3);

    fed.admin("PATCH", "/api/v1/admin/communities/counted", "{\"joinPolicy\":\"open\"}", 200);
    Fediverse elsewhere = new Fediverse(hearth, other);
    for (String name : List.of("o1", "o2")) {
      elsewhere.follow(other.addPerson(name), g);
    }
    shows("counted", 5);
    String host = URI.create(other.origin).getHost();
    fed.admin("PUT", "/api/v1/admin/domains/" + host, "{\"policy\":\"block\",\"reason\":\"test\"}", 200);
    shows("counted", 3); // a blocked domain loses its memberships
  }

  @Test
  void theUpgradeCountsTheMembersACommunityAlreadyHas() throws Exception {
    Config.DatabaseUrl db = TestDatabase.fresh();
    String jdbc = "jdbc:postgresql://" + db.host() + ":" + db.port() + "/" + db.database();
    Flyway.configure().dataSource(jdbc, db.user(), db.password()).locations("classpath:db/migration").target("7")
        .load().migrate();
    try (Connection c = DriverManager.getConnection(jdbc, db.user(), db.password()); Statement s = c.createStatement()) {
      s.execute("INSERT INTO communities (slug, name, private_key_pem, public_key_pem) VALUES ('older', 'Older', "
          + "'x', 'y'), ('quiet', 'Quiet', 'x', 'y')");
      s.execute("INSERT INTO remote_actors (id, type, host, inbox, document) SELECT 'https://h.example/u/' || i, 'Person', "
          + "'h.example', 'https://h.example/u/' || i || '/inbox', '{}' FROM generate_series(1, 40) i");
      s.execute("INSERT INTO members (community_id, actor_id, follow_id, state) SELECT (SELECT id FROM communities "
          + "WHERE slug = 'older'), 'https://h.example/u/' || i, 'f' || i, CASE WHEN i > 35 THEN 'pending' ELSE 'accepted' "
          + "END FROM generate_series(1, 40) i");
    }
    try (TestHearth upgraded = TestHearth.start(Clock.systemUTC(), TestDatabase.url(db), false)) {
      assertEquals(35, upgraded.getJson(upgraded.base + "/c/older/followers").get("totalItems").asLong());
      assertEquals(0, upgraded.getJson(upgraded.base + "/c/quiet/followers").get("totalItems").asLong());
    }
  }
}
