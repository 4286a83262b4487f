package social.hearth.core.moderation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

  /**
   * Only names are compared with the code replaced: IP literals (a numeric last label, an embedded IPv4 address)
   * now read as addresses, see {@link #everySpellingOfAnIpv4AddressIsThatAddress}.
   */
  static void assertSameAsBefore(String input) {
    String before = referenceNormalize(input);
    String now = normalized(input);
    if (!isAddress(before) && !isAddress(now)) {
      assertEquals(before, now, () -> "normalize(\"" + input + "\")");
    }
    String hostBefore = referenceHostOf(input);
    String hostNow = DomainNames.hostOf(input);
    if (!isAddress(hostBefore) && !isAddress(hostNow)) {
      assertEquals(hostBefore, hostNow, () -> "hostOf(\"" + input + "\")");
    }
  }

  /** A name whose last label is a number (decimal or 0x): an IPv4 address in some spelling, or no host at all. */
  static boolean isAddress(String name) {
    if (name == null) {
      return false;
    }
    String last = name.substring(name.lastIndexOf('.') + 1);
    return !last.isEmpty() && (last.matches("[0-9]+") || last.matches("0x[0-9a-f]*"));
  }

  @Test
  void everySpellingOfAnIpv4AddressIsThatAddress() {
    for (String spelling : List.of("127.0.0.1", "2130706433", "0x7f000001", "0x7F.0x0.0x0.0x1", "0177.0.0.1",
        "0177.0.0.01", "127.1", "127.0.1", "0x7f.1", "017700000001", "127.0.0.1.", "127.0.0.1:8080", "[::ffff:127.0.0.1]",
        "[::ffff:7f00:1]", "::ffff:127.0.0.1", "[::ffff:127.0.0.1]:443", "[::127.0.0.1]", "*.127.0.0.1")) {
      assertEquals("127.0.0.1", DomainNames.normalize(spelling), spelling);
    }
    for (String url : List.of("http://127.0.0.1/", "http://2130706433/inbox", "https://0x7f.1:8443/", "http://0177.0.0.1/x",
        "http://[::ffff:127.0.0.1]:8080/users/a", "https://u@[::ffff:7f00:1]/", "http://127.1/?q=1")) {
      assertEquals("127.0.0.1", DomainNames.hostOf(url), url);
    }
    assertEquals("10.0.0.8", DomainNames.normalize("10.0.0.010"), "a leading zero is octal, as in a URL");
    assertEquals("1.2.3.4", DomainNames.normalize("::1.2.3.4"));
    for (String bad : List.of("256.0.0.1", "1.2.3.4.5", "4294967296", "0x1.0x100.0.0", "08.0.0.1", "1..2", "example.123",
        "[::1]", "[2001:db8::1]", "::1", "[::ffff:127.0.0.1", "[fe80::1%eth0]", "[::ffff:127.0.0.1]x")) {
      assertThrows(IllegalArgumentException.class, () -> DomainNames.normalize(bad), bad);
    }
    assertNull(DomainNames.hostOf("https://[2001:db8::1]/inbox"), "other IPv6 literals stay refused");
  }

  @Test
  void anAddressCoversItselfAndNoOtherHost() {
    String blocked = DomainNames.normalize("0x7f000001");
    assertTrue(DomainNames.within(DomainNames.hostOf("http://[::ffff:127.0.0.1]/"), blocked));
    assertTrue(DomainNames.within(DomainNames.normalize("2130706433"), blocked));
    assertFalse(DomainNames.within("10.127.0.0.1".substring(3), DomainNames.normalize("0.0.1")));
    assertFalse(DomainNames.within(DomainNames.normalize("127.0.0.2"), blocked));
    assertTrue(DomainNames.within("a.example.org", "example.org"));
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
