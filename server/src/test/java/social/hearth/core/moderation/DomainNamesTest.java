package social.hearth.core.moderation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.IDN;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Domain names as policies compare them. The checks run on every inbox request, so they avoid regular expressions,
 * IDN conversion of ASCII names and {@link java.net.URI}; every test compares them with the code they replaced
 * ({@link #referenceNormalize}, {@link #referenceHostOf}).
 */
class DomainNamesTest {

  /** {@code normalize} as it was: the normalised name, or null where it threw. */
  static String referenceNormalize(String domain) {
    if (domain == null) {
      return null;
    }
    String d = domain.strip().toLowerCase(Locale.ROOT);
    if (d.startsWith("*.")) {
      d = d.substring(2);
    }
    int colon = d.lastIndexOf(':');
    if (colon > 0 && d.indexOf(']') < 0 && d.substring(colon + 1).matches("[0-9]{1,5}")) {
      d = d.substring(0, colon);
    }
    while (d.endsWith(".")) {
      d = d.substring(0, d.length() - 1);
    }
    if (d.isEmpty() || d.length() > 253) {
      return null;
    }
    try {
      d = IDN.toASCII(d, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return null;
    }
    return d.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*") ? d : null;
  }

  /** {@code hostOf} as it was. */
  static String referenceHostOf(String iriOrHost) {
    try {
      String h = iriOrHost.contains("://") ? java.net.URI.create(iriOrHost).getHost() : iriOrHost;
      return h == null ? null : referenceNormalize(h);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  static String normalized(String domain) {
    try {
      return DomainNames.normalize(domain);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  static void assertSameAsBefore(String input) {
    assertEquals(referenceNormalize(input), normalized(input), () -> "normalize(\"" + input + "\")");
    assertEquals(referenceHostOf(input), DomainNames.hostOf(input), () -> "hostOf(\"" + input + "\")");
  }

  @Test
  void namesAreLowerCasedAndStrippedOfPortWildcardAndTrailingDots() {
    assertEquals("example.org", DomainNames.normalize(" *.Example.ORG.:443 "));
    assertEquals("xn--bcher-kva.example", DomainNames.normalize("Bücher.example"));
    assertEquals("xn--bcher-kva.example", DomainNames.normalize("xn--bcher-kva.example"));
    assertEquals("mastodon.social", DomainNames.hostOf("https://Mastodon.Social/users/Gargron#main-key"));
    assertEquals("example.org", DomainNames.hostOf("https://alice@example.org:8443/x"));
    assertNull(DomainNames.hostOf("https://[::1]/inbox"));
    for (String bad : List.of("", " ", "-a.org", "a-.org", "a..org", "exa_mple.org", "[::1]", "a".repeat(64) + ".org",
        "a b.org", "example.org:123456", "éx ample.org")) {
      assertThrows(IllegalArgumentException.class, () -> DomainNames.normalize(bad), bad);
    }
    assertEquals("a".repeat(63) + ".org", DomainNames.normalize("a".repeat(63) + ".org"));
  }

  static final List<String> EDGE_CASES = List.of("example.org", "EXAMPLE.org", "*.example.org", "example.org.",
      "example.org...", "example.org:80", "example.org:", "example.org:123456", ":80", "example.org:8a",
      "[::1]:80", "[::1]", "127.0.0.1", "127.0.0.1:8080", "bücher.example", "BÜCHER.example", "例え.jp",
      "xn--bcher-kva.example", "xn--.example", "xn--zz.example", "a".repeat(63), "a".repeat(64), "a.".repeat(127) + "a",
      "a.".repeat(126) + "ab", "-", "a-", "-a", "a--b", "a_b", "a b", "", " ", ".", "..", "*.", "*", "a\u3002b",
      "a\uFF0Eb", "\u00a0a.org", "a.org\u2003", "İstanbul.tr", "ǅ.org", "https://example.org/x", "https://EXAMPLE.org:8443",
      "https://alice@example.org/", "https://[::1]:80/", "https://exa_mple.org/", "https://bücher.example/",
      "https://example.org./", "https://example.org/a b", "ftp://example.org", "://example.org", "https://",
      "x://y", "https://1.2.3.4/", "https://example.123/", "https://a-.org/");

  @Test
  void edgeCasesGiveTheSameResultAsBefore() {
    EDGE_CASES.forEach(DomainNamesTest::assertSameAsBefore);
  }

  @Test
  void randomInputGivesTheSameResultAsBefore() {
    String chars = "abcxyzABZ0189-.-.:*_ \u00fc\u00dc\u4f8b\u3002[]@/";
    String[] prefixes = {"", "", "", "https://", "http://", "*.", " ", "https://u@"};
    SplittableRandom random = new SplittableRandom(42);
    int accepted = 0;
    int total = 30_000;
    for (int i = 0; i < total; i++) {
      StringBuilder b = new StringBuilder(prefixes[random.nextInt(prefixes.length)]);
      int length = random.nextInt(20);
      for (int j = 0; j < length; j++) {
        b.append(random.nextInt(5) == 0 ? chars.charAt(random.nextInt(chars.length())) : (char) ('a' + random.nextInt(26)));
      }
      if (random.nextInt(8) == 0) {
        b.append(':').append(random.nextInt(200_000));
      }
      if (random.nextInt(10) == 0) {
        b.append("x".repeat(random.nextInt(60, 70)));
      }
      String input = b.toString();
      assertSameAsBefore(input);
      accepted += normalized(input) != null ? 1 : 0;
    }
    assertTrue(accepted > total / 5 && accepted < total * 4 / 5, "accepted " + accepted);
  }
}
