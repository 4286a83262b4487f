package social.hearth.federation.webfinger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.Vertx;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import social.hearth.federation.fetch.AddressGuard;
import social.hearth.federation.fetch.GuardedHttpClient;

/** A typed handle can only become a WebFinger request to the named domain, never to an address, port or path. */
class WebFingerClientTest {

  static final Vertx VERTX = Vertx.vertx();
  static final WebFingerClient CLIENT = new WebFingerClient(
      new GuardedHttpClient(VERTX, new AddressGuard(false), Duration.ofSeconds(2), "test"));

  @AfterAll
  static void stop() {
    VERTX.close().await();
  }

  @ParameterizedTest
  @ValueSource(strings = {"@alice@127.0.0.1", "alice@[::1]", "alice@example.org:8080", "alice@example.org/admin",
      "alice@example.org?x=1", "alice@example.org#frag", "ali ce@example.org", "alice@@example.org",
      "alice@localhost", "alice@exa_mple.org", "alice@-example.org", "alice@example.org\\@evil", "alice@2130706433",
      "../../admin@example.org"})
  void handlesThatCouldAimARequestElsewhereAreRefused(String handle) {
    assertThrows(IllegalArgumentException.class, () -> CLIENT.parse(handle));
  }

  @Test
  void ordinaryHandlesAreNormalised() {
    assertEquals(new Acct("Alice", "example.org"), CLIENT.parse("@Alice@Example.ORG"));
    assertEquals(new Acct("bob", "xn--bcher-kva.example"), CLIENT.parse("acct:bob@bücher.example"));
    assertEquals(new Acct("carol", "social.example.org"), CLIENT.parse("carol@social.example.org."));
  }
}
