package social.hearth.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import social.hearth.testing.FedifyPeer;
import social.hearth.testing.StaffWeb;
import social.hearth.testing.TestDatabase;
import social.hearth.testing.TestHearth;

/**
 * Sponsors for newcomers through federation (issue 18, item 5): three members of a Fedify server are the roster; a
 * newcomer from the same server is admitted, the welcome message suggests the least loaded sponsor and numbers the
 * others, the sponsor is asked to greet the newcomer, the newcomer replies "2" and is paired with the second one, who
 * is asked in turn and told of the newcomer's first post; away sponsors are not offered; turning pairing off stops it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FedifySponsorsTest {

  static final Duration WAIT = Duration.ofSeconds(20);
  static final String API = "/api/v1/admin/communities/hall";
  static TestHearth hearth;
  static FedifyPeer peer;
  static FedifyPeer second;
  static FedifyPeer third;
  static String group;
  static String handle;
  static String ann;
  static String ben;
  static String cat;
  static String nina;

  @BeforeAll
  static void start() throws Exception {
    hearth = TestHearth.start(Clock.systemUTC(), TestDatabase.url(TestDatabase.fresh()), true);
    peer = FedifyPeer.start("127.0.0.2");
    second = FedifyPeer.start("127.0.0.3");
    third = FedifyPeer.start("127.0.0.4");
    group = hearth.createCommunity("hall", "Hall");
    api("PATCH", "", "{\"welcomeMessage\":\"Welcome to the hall!\"}");
    handle = "acct:hall@" + URI.create(hearth.base).getAuthority();
    // the roster: ann and ben on one server, cat on another (a peer has two accounts, alice and bob)
    ann = join(peer, "alice");
    ben = join(peer, "bob");
    cat = join(second, "alice");
    api("PUT", "/sponsors", "{\"actors\":[\"" + ann + "\",\"" + ben + "\",\"" + cat + "\"]}");
  }

  @AfterAll
  static void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {peer, second, third, hearth}) {
      if (c != null) {
        c.close();
      }
    }
  }

  static JsonNode api(String method, String path, String body) throws Exception {
    HttpResponse<String> r = hearth.admin(method, API + path, body, TestHearth.ADMIN_TOKEN);
    assertTrue(r.statusCode() / 100 == 2, method + " " + path + ": " + r.statusCode() + " " + r.body());
    return TestHearth.JSON.readTree(r.body());
  }

  /** The content of the first direct message the user received that contains {@code text}, waiting for it. */
  static String message(FedifyPeer p, String user, String text) throws Exception {
    for (int i = 0; i < 80; i++) {
      for (JsonNode c : p.received(user, "Create", 1, WAIT)) {
        String content = c.path("object").path("content").asText();
        if (content.contains(text)) {
          return content;
        }
      }
      Thread.sleep(250);
    }
    return null;
  }

  static int count(FedifyPeer p, String user, String text) throws Exception {
    int n = 0;
    for (JsonNode c : p.received(user, "Create", 0, Duration.ZERO)) {
      n += c.path("object").path("content").asText().contains(text) ? 1 : 0;
    }
    return n;
  }

  static String join(FedifyPeer p, String user) throws Exception {
    int before = p.received(user, "Accept", 0, Duration.ZERO).size();
    p.follow(user, handle, hearth.base);
    assertEquals(before + 1, p.received(user, "Accept", before + 1, WAIT).size());
    return p.actor(user);
  }

  static JsonNode dm(FedifyPeer p, String user, String text) throws Exception {
    JsonNode dm = p.post(user, group, "<p><span class=\"h-card\"><a href=\"" + group
        + "\" class=\"u-url mention\">@<span>hall</span></a></span> " + text + "</p>", "direct");
    assertEquals("done", hearth.awaitProcessed(dm.get("createId").asText()));
    return dm;
  }

  static String pairOf(String actor) throws Exception {
    return api("GET", "/sponsors/pair?actor=" + URLEncoder.encode(actor, StandardCharsets.UTF_8), null).get("sponsor")
        .asText();
  }

  @Test
  @Order(1)
  void theWelcomeMessageNamesTheSuggestedSponsorAndNumbersTheOthersAndTheSponsorIsAskedToGreet() throws Exception {
    nina = join(second, "bob");
    String welcome = message(second, "bob", "Welcome to the hall!");
    assertNotNull(welcome, "nina got the welcome message");
    int one = welcome.indexOf("<li>");
    assertTrue(welcome.contains("Your sponsor is") && welcome.indexOf(ann) < one, "ann is suggested: " + welcome);
    assertTrue(one > 0 && welcome.indexOf(ann, one) < welcome.indexOf(ben, one)
        && welcome.indexOf(ben, one) < welcome.indexOf(cat, one), "numbered: ann, ben, cat: " + welcome);
    assertTrue(welcome.contains("reply to this message with their number"), welcome);
    String greet = message(peer, "alice", "chose you as their sponsor");
    assertNotNull(greet, "ann is asked to greet nina");
    assertTrue(greet.contains("href=\"" + nina + "\""), "the newcomer is mentioned: " + greet);
    assertTrue(greet.contains("href=\"" + ann + "\""), "the sponsor is mentioned: " + greet);
    assertEquals(ann, pairOf(nina));
  }

  @Test
  @Order(2)
  void theNewcomerRepliesTwoAndIsPairedWithTheSecondSponsorWhoIsAskedToGreet() throws Exception {
    dm(second, "bob", "2");
    assertEquals(ben, pairOf(nina));
    String greet = message(peer, "bob", "chose you as their sponsor");
    assertNotNull(greet, "ben is asked to greet nina");
    assertTrue(greet.contains(nina), greet);
    assertNotNull(message(second, "bob", "Your sponsor is now"), "nina is told");
    dm(second, "bob", "7");
    assertNotNull(message(second, "bob", "There is no sponsor with that number"), "a number not offered is answered");
    assertEquals(ben, pairOf(nina), "and changes nothing");
    assertEquals(0, hearth.sql("SELECT 1 FROM reports").size(), "a number is not taken for a report");
  }

  @Test
  @Order(3)
  void theNewcomersFirstPostIsFlaggedToTheSponsorOnce() throws Exception {
    JsonNode post = second.post("bob", group, "<p>Hello everyone, glad to be here.</p>", "public");
    assertEquals("done", hearth.awaitProcessed(post.get("createId").asText()));
    String note = post.get("noteId").asText();
    String flag = message(peer, "bob", "has just made their first post");
    assertNotNull(flag, "ben is told of nina's first post");
    assertTrue(flag.contains("href=\"" + note + "\""), "with a link to it: " + flag);
    JsonNode again = second.post("bob", group, "<p>And a second post.</p>", "public");
    assertEquals("done", hearth.awaitProcessed(again.get("createId").asText()));
    assertEquals(1, count(peer, "bob", "has just made their first post"), "only the first post is flagged");
    assertEquals(0, count(peer, "alice", "has just made their first post"), "not to the sponsor she left");
  }

  @Test
  @Order(4)
  void awaySponsorsAreNotOffered() throws Exception {
    api("PUT", "/sponsors/away", "{\"actor\":\"" + ann + "\",\"away\":true}");
    dm(second, "alice", "away");
    assertNotNull(message(second, "alice", "You are marked as away"), "cat is told");
    JsonNode roster = api("GET", "/sponsors/roster", null);
    for (JsonNode s : roster.get("sponsors")) {
      assertEquals(!s.get("actor").asText().equals(ben), s.get("away").asBoolean(), roster.toString());
      assertNotNull(s.get("memberSince").textValue(), "tenure shown: " + roster);
    }
    join(third, "alice");
    String welcome = message(third, "alice", "Welcome to the hall!");
    assertTrue(welcome.contains("Your sponsor is") && welcome.contains(ben), welcome);
    assertFalse(welcome.contains(ann) || welcome.contains(cat), "away sponsors are not offered: " + welcome);
    assertFalse(welcome.contains("<ol>"), "nobody else to choose: " + welcome);
    JsonNode after = api("GET", "/sponsors/roster", null);
    for (JsonNode s : after.get("sponsors")) {
      if (s.get("actor").asText().equals(ben)) {
        assertEquals(2, s.get("load").asInt(), "ben sponsors two newcomers: " + after);
      }
    }
    dm(second, "alice", "back");
    assertNotNull(message(second, "alice", "Welcome back"), "cat is back");
    join(third, "bob");
    String next = message(third, "bob", "Welcome to the hall!");
    assertTrue(next.contains("Your sponsor is") && next.indexOf(cat) < next.indexOf(ben) && !next.contains(ann),
        "cat (no newcomers) first, then ben; ann still away: " + next);
  }

  @Test
  @Order(5)
  void staffSeeTheRosterWithTenureAndLoadAndAMembersSponsor() throws Exception {
    hearth.admin("POST", "/api/v1/admin/accounts", "{\"username\":\"rosa\",\"password\":\"long-enough-password\"}",
        TestHearth.ADMIN_TOKEN);
    hearth.admin("PUT", API + "/staff/rosa", "{\"role\":\"moderator\"}", TestHearth.ADMIN_TOKEN);
    StaffWeb rosa = StaffWeb.signIn(hearth, "rosa", "long-enough-password");
    HttpResponse<String> page = rosa.get("/staff/c/hall/sponsors");
    assertEquals(200, page.statusCode(), page.body());
    String html = page.body();
    assertTrue(html.contains("data-roster") && html.contains(ben) && html.contains("data-load=\"2\""), html);
    assertTrue(html.contains("data-pairs") && html.contains(nina), "the pairs are listed");
    assertTrue(rosa.get("/staff/c/hall/sponsors", "ru").body().contains("Наставник с"), "in Russian too");
    HttpResponse<String> member = rosa.get("/staff/c/hall/member?actor=" + URLEncoder.encode(nina,
        StandardCharsets.UTF_8));
    assertEquals(200, member.statusCode(), member.body());
    assertTrue(member.body().contains("data-sponsor") && member.body().contains(ben), "nina's sponsor on her page");
  }

  @Test
  @Order(6)
  void turningPairingOffStopsIt() throws Exception {
    api("PUT", "/sponsors/pairing", "{\"enabled\":false}");
    assertFalse(api("GET", "/sponsors/roster", null).get("pairing").asBoolean());
    String olga = third.actor("alice");
    third.unfollow("alice", group);
    for (int i = 0; i < 80 && !hearth.sql("SELECT 1 FROM members WHERE actor_id = $1", olga).isEmpty(); i++) {
      Thread.sleep(250);
    }
    join(third, "alice");
    for (int i = 0; i < 80 && count(third, "alice", "Welcome to the hall!") < 2; i++) {
      Thread.sleep(250);
    }
    assertEquals(2, count(third, "alice", "Welcome to the hall!"), "welcomed again");
    assertEquals(1, count(third, "alice", "Your sponsor is"), "with no sponsor offered the second time");
    HttpResponse<String> bad = hearth.admin("PUT", API + "/sponsors/pairing", "{}", TestHearth.ADMIN_TOKEN);
    assertEquals(400, bad.statusCode());
    assertTrue(bad.body().contains("enabled is required"), bad.body());
  }
}
