package social.hearth.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.hearth.federation.sig.SigningKey;
import social.hearth.testing.FakeActorServer;
import social.hearth.testing.Fediverse;
import social.hearth.testing.TestHearth;

/**
 * Join in one step with an invite: the visitor types their handle on the invite page, it is pre-approved for that
 * invite, they are sent to their own server's follow page, and following admits them at once.
 */
class InviteJoinTest {

  static final HttpClient NO_REDIRECT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
      .connectTimeout(Duration.ofSeconds(5)).build();
  static TestHearth hearth;
  static FakeActorServer mastodon;
  static FakeActorServer lemmy;
  static Fediverse fed;
  static String group;

  @BeforeAll
  static void start() throws Exception {
    hearth = TestHearth.start();
    mastodon = FakeActorServer.start(hearth.vertx, "127.0.0.35");
    mastodon.nodeinfo("mastodon");
    lemmy = FakeActorServer.start(hearth.vertx, "127.0.0.36");
    lemmy.nodeinfo("lemmy");
    fed = new Fediverse(hearth, mastodon);
    group = hearth.createCommunity("salon", "Salon");
    fed.admin("PATCH", "/api/v1/admin/communities/salon", "{\"joinPolicy\":\"invite\"}", 200);
  }

  @AfterAll
  static void stop() {
    mastodon.close();
    lemmy.close();
    hearth.close();
  }

  /** An account on a fake server that WebFinger finds by its handle. */
  static SigningKey account(FakeActorServer server, String name) {
    SigningKey key = server.addPerson(name);
    server.serve("/.well-known/webfinger", "{\"subject\":\"acct:" + name + "@" + server.origin.substring(7) + "\","
        + "\"links\":[{\"rel\":\"self\",\"type\":\"application/activity+json\",\"href\":\"" + Fediverse.actor(key) + "\"}]}");
    return key;
  }

  static String handle(FakeActorServer server, String name) {
    return name + "@" + server.origin.substring(7);
  }

  static String invite(int maxUses) throws Exception {
    return fed.admin("POST", "/api/v1/admin/communities/salon/invites", "{\"maxUses\":" + maxUses + "}", 200)
        .get("code").asText();
  }

  static HttpResponse<String> typeHandle(String code, String handle) throws Exception {
    return NO_REDIRECT.send(HttpRequest.newBuilder(URI.create(hearth.base + "/c/salon/invite/" + code))
        .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
        .POST(HttpRequest.BodyPublishers.ofString("handle=" + URLEncoder.encode(handle, StandardCharsets.UTF_8)))
        .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static String state(SigningKey key) {
    var rows = hearth.sql("SELECT state FROM members WHERE actor_id = $1", Fediverse.actor(key));
    return rows.isEmpty() ? "none" : rows.get(0).getString(0);
  }

  @Test
  void theInvitePageAsksForTheVisitorsHandle() throws Exception {
    String page = hearth.get(hearth.base + "/c/salon/invite/" + invite(1), "text/html").body();
    assertTrue(page.contains("name=\"handle\"") && page.contains("Join in one step"), page);
  }

  @Test
  void aVisitorWhoTypesTheirHandleIsSentToTheirServerAndAdmittedAsSoonAsTheyFollow() throws Exception {
    String code = invite(1);
    SigningKey ana = account(mastodon, "ana");
    HttpResponse<String> typed = typeHandle(code, "@" + handle(mastodon, "ana"));
    assertEquals(303, typed.statusCode(), typed.body());
    assertEquals(mastodon.origin + "/authorize_interaction?uri=" + URLEncoder.encode(group, StandardCharsets.UTF_8),
        typed.headers().firstValue("location").orElse(""), "Mastodon's follow page, learned from its NodeInfo");
    assertEquals("none", state(ana), "not a member before she follows");
    assertEquals(1, hearth.sql("SELECT uses FROM invites WHERE code = $1", code).get(0).getInteger(0));

    fed.follow(ana, group);
    fed.awaitFor(ana, "Accept", j -> true);
    assertEquals("accepted", state(ana), "admitted at once, in an invite-only community");
    assertTrue(fed.got(ana, "Create").stream().noneMatch(j -> j.toString().contains("Your invite is accepted")),
        "no direct message telling her to follow: she was sent there");

    HttpResponse<String> again = typeHandle(code, handle(mastodon, "ana"));
    assertEquals(400, again.statusCode(), "a single-use invite is spent");
    assertTrue(again.body().contains("This invite is no longer valid"), again.body());
  }

  @Test
  void aLemmyUserIsToldWhatToSearchForOnTheirServer() throws Exception {
    SigningKey lea = account(lemmy, "lea");
    HttpResponse<String> typed = typeHandle(invite(5), handle(lemmy, "lea"));
    assertEquals(200, typed.statusCode(), typed.body());
    String page = typed.body();
    assertTrue(page.contains("!salon@") && page.contains("Search on Lemmy"), page);
    assertTrue(page.contains(lemmy.origin + "/search?q=" + URLEncoder.encode(group, StandardCharsets.UTF_8)), page);
    assertTrue(page.contains("as soon as you follow Salon, you are a member"), page);
    fed.follow(lea, group);
    assertEquals("accepted", state(lea));
  }

  @Test
  void aBadHandleIsAnsweredNextToTheFieldWithWhatWasTyped() throws Exception {
    String code = invite(1);
    HttpResponse<String> bad = typeHandle(code, "not a <handle>");
    assertEquals(400, bad.statusCode());
    assertTrue(bad.body().contains("That is not a handle") && bad.body().contains("aria-invalid=\"true\""), bad.body());
    assertTrue(bad.body().contains("value=\"not a &lt;handle&gt;\""), "the typed value is kept, escaped");

    try (FakeActorServer empty = FakeActorServer.start(hearth.vertx, "127.0.0.37")) {
      HttpResponse<String> unknown = typeHandle(code, handle(empty, "nobody"));
      assertEquals(400, unknown.statusCode());
      assertTrue(unknown.body().contains("We could not find that account"), unknown.body());
    }
    assertEquals(0, hearth.sql("SELECT uses FROM invites WHERE code = $1", code).get(0).getInteger(0), "nothing was used up");
  }

  @Test
  void aVisitorWhoTypedTooManyHandlesWaits() throws Exception {
    String code = invite(1);
    hearth.sql("INSERT INTO login_attempts (client_address, kind) SELECT '127.0.0.1', 'handle' FROM generate_series(1, 20)");
    try {
      HttpResponse<String> limited = typeHandle(code, handle(mastodon, "ana"));
      assertEquals(429, limited.statusCode());
      assertTrue(limited.body().contains("Too many tries from your address"), limited.body());
      assertTrue(limited.body().contains("value=\"" + handle(mastodon, "ana") + "\""), "the typed value is kept");
      assertEquals(0, hearth.sql("SELECT uses FROM invites WHERE code = $1", code).get(0).getInteger(0));
    } finally {
      hearth.sql("DELETE FROM login_attempts WHERE kind = 'handle'");
    }
  }
}
