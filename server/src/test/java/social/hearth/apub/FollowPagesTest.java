package social.hearth.apub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.Vertx;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.hearth.federation.fetch.AddressGuard;
import social.hearth.federation.fetch.GuardedHttpClient;
import social.hearth.federation.webfinger.WebFingerClient;
import social.hearth.testing.FakeActorServer;

/**
 * The follow page a visitor is sent to fits their server: the FEP-3b86 intent its WebFinger advertises, else by the
 * software its NodeInfo names (Mastodon's authorize_interaction, Misskey's authorize-follow, a search page for Lemmy),
 * read from fixture servers through the guarded client.
 */
class FollowPagesTest {

  static final String GROUP = "https://hearth.example/c/book-club";
  static final String ENCODED = URLEncoder.encode(GROUP, StandardCharsets.UTF_8);
  static Vertx vertx;
  static FollowPages follow;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    GuardedHttpClient http = new GuardedHttpClient(vertx, new AddressGuard(true), Duration.ofSeconds(5), "test");
    follow = new FollowPages(new WebFingerClient(http), new NodeInfoClient(http, null), true);
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  /** A server running {@code software} (null: no NodeInfo) with one account, whose WebFinger has these templates. */
  static FakeActorServer server(String host, String software, Map<String, String> templates) {
    FakeActorServer s = FakeActorServer.start(vertx, host);
    if (software != null) {
      s.nodeinfo(software);
    }
    StringBuilder links = new StringBuilder("{\"rel\":\"self\",\"type\":\"application/activity+json\",\"href\":\"" + s.origin
        + "/users/ana\"}");
    templates.forEach((rel, template) -> links.append(",{\"rel\":\"").append(rel).append("\",\"template\":\"")
        .append(template).append("\"}"));
    s.serve("/.well-known/webfinger", "{\"subject\":\"acct:ana@" + s.origin.substring(7) + "\",\"links\":[" + links + "]}");
    return s;
  }

  static String handle(FakeActorServer s) {
    return "ana@" + s.origin.substring("http://".length());
  }

  @Test
  void aMastodonServerGetsItsAuthorizeInteractionPage() {
    try (FakeActorServer s = server("127.0.0.41", "mastodon", Map.of())) {
      FollowPages.FollowPage page = follow.forHandle(handle(s), GROUP).await();
      assertEquals(FollowPages.Kind.MASTODON, page.kind());
      assertEquals(s.origin + "/authorize_interaction?uri=" + ENCODED, page.url());
      assertEquals(s.origin + "/users/ana", page.actor(), "the account to pre-approve");
      assertEquals("mastodon", follow.forServer(s.origin.substring(7), GROUP).await().software(), "by its domain too");
    }
  }

  @Test
  void aMisskeyServerGetsItsAuthorizeFollowPage() {
    try (FakeActorServer s = server("127.0.0.42", "sharkey", Map.of())) {
      assertEquals(s.origin + "/authorize-follow?acct=" + ENCODED, follow.forHandle(handle(s), GROUP).await().url());
      assertEquals(FollowPages.Kind.MISSKEY, follow.forServer(s.origin.substring(7), GROUP).await().kind());
    }
  }

  @Test
  void aLemmyServerHasNoFollowPageSoItsSearchIsOffered() {
    try (FakeActorServer s = server("127.0.0.43", "lemmy", Map.of())) {
      FollowPages.FollowPage page = follow.forHandle(handle(s), GROUP).await();
      assertEquals(FollowPages.Kind.SEARCH, page.kind());
      assertEquals(s.origin + "/search?q=" + ENCODED, page.url());
      assertEquals("lemmy", page.software());
    }
  }

  @Test
  void theFollowIntentTheAccountAdvertisesComesFirstThenTheRemoteFollowTemplate() {
    try (FakeActorServer s = server("127.0.0.44", "lemmy", Map.of())) {
      // the templates name the fixture's own origin, known once it listens
      s.serve("/.well-known/webfinger", "{\"links\":[{\"rel\":\"self\",\"type\":\"application/activity+json\",\"href\":\""
          + s.origin + "/users/ana\"},{\"rel\":\"" + FollowPages.FOLLOW_INTENT + "\",\"template\":\"" + s.origin
          + "/intents/follow?id={object}&on-success={on-success}\"}]}");
      FollowPages.FollowPage page = follow.forHandle(handle(s), GROUP).await();
      assertEquals(FollowPages.Kind.INTENT, page.kind());
      assertEquals(s.origin + "/intents/follow?id=" + ENCODED + "&on-success=", page.url(), "unknown parameters become empty");
      s.serve("/.well-known/webfinger", "{\"links\":[{\"rel\":\"self\",\"type\":\"application/activity+json\",\"href\":\""
          + s.origin + "/users/ana\"},{\"rel\":\"" + FollowPages.SUBSCRIBE + "\",\"template\":\"" + s.origin
          + "/authorize-follow?acct={uri}\"}]}");
      assertEquals(s.origin + "/authorize-follow?acct=" + ENCODED, follow.forHandle(handle(s), GROUP).await().url(),
          "OStatus's remote-follow template, before the software's own page");
    }
  }

  @Test
  void aTemplateLeadingToAnotherServerIsNotFollowed() {
    java.util.Set<String> own = java.util.Set.of("social.example");
    assertNull(follow.fill("https://evil.example/follow?uri={uri}", GROUP, own));
    assertNull(follow.fill("javascript:alert(1)//{uri}", GROUP, own));
    assertNull(follow.fill("https://user@social.example/follow?uri={uri}", GROUP, own));
    assertEquals("https://social.example/follow?uri=" + ENCODED, follow.fill("https://social.example/follow?uri={uri}", GROUP, own));
  }

  @Test
  void aBadHandleIsRefusedBeforeAnyLookupAndAnUnknownServerFallsBackToMastodonsPage() {
    assertThrows(WebFingerClient.BadHandleException.class, () -> follow.check("not a handle"));
    assertThrows(WebFingerClient.BadHandleException.class, () -> follow.check("ana@evil.example/path"));
    try (FakeActorServer s = server("127.0.0.45", null, Map.of())) {
      assertEquals(s.origin + "/authorize_interaction?uri=" + ENCODED, follow.forHandle(handle(s), GROUP).await().url(),
          "no NodeInfo: most servers answer Mastodon's page");
    }
  }
}
