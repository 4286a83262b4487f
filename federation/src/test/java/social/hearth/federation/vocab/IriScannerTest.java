package social.hearth.federation.vocab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The IRI checks read the common shape of an IRI without {@link URI} and must give exactly the verdicts they gave
 * with it: every test compares {@link Iris#checkHttpIri} and {@link Iris#origin} with the URI-only code
 * they replaced ({@link #referenceCheck}, {@link #referenceOrigin}), on named edge cases and on random input.
 */
class IriScannerTest {

  /** The URI-only {@code checkHttpIri} as it was: null when accepted, else the message. */
  static String referenceCheck(String value, String field) {
    if (value.length() > 2048) {
      return field + " is longer than 2048 characters";
    }
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null || uri.getRawUserInfo() != null) {
        return field + " must be an absolute http(s) IRI";
      }
      return null;
    } catch (URISyntaxException e) {
      return field + " is not a valid IRI";
    }
  }

  /** The URI-only {@code origin} as it was. */
  static String referenceOrigin(String iri) {
    try {
      URI uri = new URI(iri);
      String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
      int port = uri.getPort();
      boolean dflt = port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
      return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (dflt ? "" : ":" + port);
    } catch (URISyntaxException | NullPointerException e) {
      return null;
    }
  }

  static String check(String value) {
    try {
      Iris.checkHttpIri(value, "actor");
      return null;
    } catch (InvalidActivityException e) {
      return e.getMessage();
    }
  }

  static void assertSameAsUri(String iri) {
    assertEquals(referenceCheck(iri, "actor"), check(iri), () -> "checkHttpIri of " + printable(iri));
    assertEquals(referenceOrigin(iri), Iris.origin(iri), () -> "origin of " + printable(iri));
    IriScanner.Parts parts = IriScanner.scan(iri);
    if (parts != null) {
      URI uri = assertDoesNotThrowUri(iri);
      assertEquals(uri.getScheme(), parts.scheme(), () -> "scheme of " + printable(iri));
      assertEquals(uri.getHost(), parts.host(), () -> "host of " + printable(iri));
      assertEquals(uri.getPort(), parts.port(), () -> "port of " + printable(iri));
      assertNull(uri.getRawUserInfo());
    }
  }

  private static URI assertDoesNotThrowUri(String iri) {
    try {
      return new URI(iri);
    } catch (URISyntaxException e) {
      throw new AssertionError("the scanner read " + printable(iri) + " but URI refuses it: " + e.getMessage());
    }
  }

  private static String printable(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      b.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
    }
    return b.append('"').toString();
  }

  static final List<String> EDGE_CASES = List.of(
      "https://example.org/users/alice", "http://example.org", "https://example.org/", "HTTPS://Example.ORG/a",
      "hTTp://EXAMPLE.org:80/x", "https://example.org:443/x", "https://example.org:8443/x", "https://example.org:0/",
      "https://example.org:99999/", "https://example.org:/x", "https://example.org:65536", "https://example.org:080/",
      "https://example.org:12345678901/", "https://xn--bcher-kva.example/u", "https://bücher.example/u",
      "https://example.org/bücher", "https://例え.jp/", "https://alice@example.org/", "https://alice:pw@example.org/",
      "https://@example.org/", "https://[::1]/inbox", "https://[::1]:8443/inbox", "http://[fe80::1%25eth0]/",
      "https://127.0.0.1/", "http://127.0.0.1:8080/inbox", "https://1.2.3.4.example/", "https://1.2.3.4x.com/",
      "https://256.1.1.1/", "https://123/", "https://localhost/", "https://localhost:3000/u", "https://a/",
      "https://exa_mple.org/", "https://-example.org/", "https://example-.org/", "https://ex--ample.org/",
      "https://example..org/", "https://.example.org/", "https://example.org./", "https://example.123/",
      "https://example.org/a b", "https://example.org/a%20b", "https://example.org/a%2", "https://example.org/a%zz",
      "https://example.org/?q=1&r=2", "https://example.org/p?q=a?b", "https://example.org/p#frag",
      "https://example.org/p#a#b", "https://example.org/p?q#f?g", "https://example.org/p?q=[1]",
      "https://example.org/[x]", "https://example.org/p#[x]", "https://example.org/~a/(b)/*c*/!d/$e/'f'",
      "https://example.org/a;b=c,d:e@f+g", "https://example.org/\"q\"", "https://example.org/<x>",
      "https://example.org/a\\b", "https://example.org/a|b", "https://example.org/a^b", "https://example.org/a`b",
      "https://example.org/a{b}", "https://example.org/\u0000", "https://example.org/\t", "https://example.org/\u00a0",
      "https://example.org\u00a0/", "https:example.org", "https:/example.org", "https:///path", "https://",
      "https://?q", "https://#f", "//example.org/x", "/relative/path", "", " ", "https", "https:", "ftp://example.org/",
      "mailto:alice@example.org", "urn:isbn:123", "git+ssh://example.org/x", "1http://example.org/",
      "ht tp://example.org/", "http ://example.org/", "https ://example.org", " https://example.org",
      "https://example.org ", "https://exa mple.org/", "https://EXAMPLE.ORG", "https://Example.Org:443",
      "https://x.example/users/a#main-key", "https://x.example/users/a#hearth-derived-id-abc",
      "https://example.org:8%30/", "https://ex%41mple.org/", "https://example.org%2f/", "http://a.b-c.d-e-f.g/");

  @Test
  void namedEdgeCasesGetTheSameVerdictAsWithUri() {
    EDGE_CASES.forEach(IriScannerTest::assertSameAsUri);
  }

  @Test
  void theCommonShapesAreReadWithoutUri() {
    assertEquals(new IriScanner.Parts("https", "example.org", -1), IriScanner.scan("https://example.org/users/alice"));
    assertEquals(new IriScanner.Parts("HTTP", "Example.ORG", 8080), IriScanner.scan("HTTP://Example.ORG:8080/x?y#z"));
    assertEquals(new IriScanner.Parts("https", "xn--bcher-kva.example", -1), IriScanner.scan("https://xn--bcher-kva.example"));
    assertNotNull(IriScanner.scan("https://mastodon.social/users/Gargron#main-key"));
  }

  @Test
  void whatTheScannerDoesNotKnowIsLeftToUri() {
    for (String iri : List.of("https://alice@example.org/", "https://[::1]/", "https://127.0.0.1/", "https://bücher.example/",
        "https://exa_mple.org/", "https://example.org./", "https://example.org/a b", "https://example.org/p?q=[1]",
        "https://example.org:/", "https://example.org:123456/", "https://example.org/%zz", "https://example.org/a#b#c")) {
      assertNull(IriScanner.scan(iri), iri);
    }
  }

  @Test
  void whatWasRefusedIsStillRefused() {
    for (String iri : List.of("https://alice@example.org/", "ftp://example.org/", "https://exa_mple.org/",
        "https://example.org/a b", "https:///path", "https://example.org/a%zz", "https://-x.org/", "/relative")) {
      assertThrows(InvalidActivityException.class, () -> Iris.checkHttpIri(iri, "actor"), iri);
    }
  }

  private static final String[] PREFIXES = {"https://", "http://", "https://", "http://", "HTTPS://", "HtTp://",
      "ftp://", "https:", "https:/", "https:///", "", "//", "a+b.c-d://", "1x://", " https://", "h\u00fcttps://"};
  private static final String LABEL_CHARS = "abcdefghijklmnopqrstuvwxyzABCXYZ0123456789-";
  private static final String ODD_HOST_CHARS = "_:@[]%. \u00fc";
  private static final String PATH_CHARS = "abcdefghijklmnopqrstuvwxyzXYZ019/-_.~!$&'()*+,;=:@?";
  private static final String ODD_CHARS = "[]\"<>\\^`{}| #%\u00fc\u4e2d\u0000\t\u00a0";

  /** Mostly well-formed IRIs, each with a fair chance of one odd character somewhere. */
  static String randomIri(SplittableRandom random) {
    StringBuilder b = new StringBuilder(random.nextInt(3) > 0 ? (random.nextBoolean() ? "https://" : "http://")
        : PREFIXES[random.nextInt(PREFIXES.length)]);
    int labels = 1 + random.nextInt(3);
    for (int l = 0; l < labels; l++) {
      if (l > 0) {
        b.append('.');
      }
      int length = random.nextInt(12) == 0 ? 0 : 1 + random.nextInt(8);
      for (int j = 0; j < length; j++) {
        if (random.nextInt(40) == 0) {
          b.append(ODD_HOST_CHARS.charAt(random.nextInt(ODD_HOST_CHARS.length())));
        } else if (j == 0 && random.nextInt(8) > 0) {
          b.append((char) ('a' + random.nextInt(26)));
        } else {
          b.append(LABEL_CHARS.charAt(random.nextInt(LABEL_CHARS.length())));
        }
      }
    }
    if (random.nextInt(4) == 0) {
      b.append(':').append(random.nextInt(8) == 0 ? "" : String.valueOf(random.nextInt(random.nextBoolean() ? 100 : 1_000_000)));
    }
    if (random.nextInt(10) < 7) {
      b.append('/');
      int length = random.nextInt(16);
      for (int j = 0; j < length; j++) {
        int pick = random.nextInt(60);
        if (pick == 0) {
          b.append(ODD_CHARS.charAt(random.nextInt(ODD_CHARS.length())));
        } else if (pick == 1) {
          b.append(random.nextBoolean() ? "%2F" : "%e4");
        } else if (pick == 2) {
          b.append('#');
        } else {
          b.append(PATH_CHARS.charAt(random.nextInt(PATH_CHARS.length())));
        }
      }
    }
    return b.toString();
  }

  @Test
  void randomInputGetsTheSameVerdictAsWithUri() {
    SplittableRandom random = new SplittableRandom(20261121);
    int total = 60_000;
    int scanned = 0;
    int accepted = 0;
    for (int i = 0; i < total; i++) {
      String iri = randomIri(random);
      assertSameAsUri(iri);
      scanned += IriScanner.scan(iri) != null ? 1 : 0;
      accepted += check(iri) == null ? 1 : 0;
    }
    // both paths are exercised: the scanner's, and URI's for what the scanner leaves to it
    assertTrue(scanned > total / 5 && scanned < total * 4 / 5, "read by the scanner: " + scanned);
    assertTrue(accepted > total / 5 && accepted < total * 4 / 5, "accepted: " + accepted);
  }
}
