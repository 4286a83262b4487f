package social.hearth.federation.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import social.hearth.federation.sig.DoubleKnock;
import social.hearth.federation.sig.SignatureScheme;
import social.hearth.federation.spi.InMemorySignatureSchemes;

/** The in-memory scheme memory forgets after its TTL, stays bounded, and keys hosts the same way every time. */
class InMemorySignatureSchemesTest {

  /** A clock the test moves forward. */
  static final class MovableClock extends Clock {
    Instant now = Instant.parse("2026-11-21T12:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void aRememberedSchemeIsForgottenAfterItsTtl() {
    MovableClock clock = new MovableClock();
    InMemorySignatureSchemes memory = new InMemorySignatureSchemes(clock, 10, Duration.ofDays(7));
    memory.remember("peer.example", SignatureScheme.DRAFT_CAVAGE);
    clock.now = clock.now.plus(Duration.ofDays(6));
    assertEquals(Optional.of(SignatureScheme.DRAFT_CAVAGE), memory.preferred("peer.example").result());
    clock.now = clock.now.plus(Duration.ofDays(1));
    assertEquals(Optional.empty(), memory.preferred("peer.example").result());
    assertEquals(0, memory.size());
  }

  @Test
  void theLeastRecentlyUsedHostIsDroppedAtCapacity() {
    InMemorySignatureSchemes memory = new InMemorySignatureSchemes(Clock.systemUTC(), 2, Duration.ofDays(1));
    memory.remember("a.example", SignatureScheme.RFC9421);
    memory.remember("b.example", SignatureScheme.RFC9421);
    memory.preferred("a.example");
    memory.remember("c.example", SignatureScheme.DRAFT_CAVAGE);
    assertEquals(2, memory.size());
    assertEquals(Optional.empty(), memory.preferred("b.example").result());
    assertEquals(Optional.of(SignatureScheme.RFC9421), memory.preferred("a.example").result());
  }

  @Test
  void aZeroCapacityIsAProgrammingError() {
    assertThrows(IllegalArgumentException.class, () -> new InMemorySignatureSchemes(Clock.systemUTC(), 0, Duration.ofDays(1)));
  }

  @Test
  void hostsAreKeyedByLowercaseAuthorityWithoutDefaultPorts() {
    assertEquals("peer.example", DoubleKnock.hostKey(URI.create("https://Peer.Example:443/inbox")));
    assertEquals("peer.example", DoubleKnock.hostKey(URI.create("http://peer.example/inbox")));
    assertEquals("peer.example:8443", DoubleKnock.hostKey(URI.create("https://peer.example:8443/inbox")));
    assertEquals("[::1]:8080", DoubleKnock.hostKey(URI.create("http://[::1]:8080/inbox")));
  }

  @Test
  void onlyBadRequestUnauthorizedAndChallengesCountAsRefusals() {
    assertEquals(DoubleKnock.Verdict.ACCEPTED, DoubleKnock.judge(202, false));
    assertEquals(DoubleKnock.Verdict.REFUSED, DoubleKnock.judge(400, false));
    assertEquals(DoubleKnock.Verdict.REFUSED, DoubleKnock.judge(401, false));
    assertEquals(DoubleKnock.Verdict.REFUSED, DoubleKnock.judge(403, true));
    assertEquals(DoubleKnock.Verdict.OTHER, DoubleKnock.judge(403, false));
    assertEquals(DoubleKnock.Verdict.OTHER, DoubleKnock.judge(404, false));
    assertEquals(DoubleKnock.Verdict.OTHER, DoubleKnock.judge(500, true));
    assertEquals(DoubleKnock.Verdict.OTHER, DoubleKnock.judge(302, false));
  }
}
