package social.hearth.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import social.hearth.config.ConfigException;

/** The small, sharp pieces of the web layer on hostile input. */
class WebUnitsTest {

  @Test
  void joinFromYourServerAcceptsOnlyDomainNames() {
    assertEquals(Optional.of("mastodon.social"), ServerNames.domain("  Mastodon.Social "));
    assertEquals(Optional.of("mastodon.social"), ServerNames.domain("@ana@mastodon.social"));
    assertEquals(Optional.of("mastodon.social"), ServerNames.domain("ana@mastodon.social."));
    assertEquals(Optional.of("xn--e1afmkfd.xn--p1ai"), ServerNames.domain("пример.рф"));
    for (String bad : List.of("", "mastodon", "localhost", "127.0.0.1", "10.0.0.1", "[::1]", "https://mastodon.social",
        "mastodon.social/", "mastodon.social:443", "mastodon.social?x", "mastodon.social#x", "user:pw@mastodon.social",
        "a@b@mastodon.social", "-x.social", "x-.social", "x..social", ".social", "mastodon.social\r\nSet-Cookie: a=b",
        "javascript:alert(1)", "mastodon.s0cial1", "a".repeat(64) + ".social", "%2e%2e.social", "mastodon .social",
        "mastodon.social\\evil.example", "x".repeat(300))) {
      assertEquals(Optional.empty(), ServerNames.domain(bad), bad);
    }
    assertEquals("https://mastodon.social/authorize_interaction?uri=https%3A%2F%2Fh.example%2Fc%2Fbook-club",
        ServerNames.followPage("mastodon.social", "https://h.example/c/book-club"));
  }

  @Test
  void forwardedForIsBelievedOnlyFromTrustedProxies() {
    ClientAddress none = ClientAddress.parse("");
    assertEquals("203.0.113.5", none.resolve("203.0.113.5", "198.51.100.1"), "no proxies: the header is ignored");
    ClientAddress proxies = ClientAddress.parse("127.0.0.1, 10.0.0.0/8, ::1");
    assertEquals("198.51.100.1", proxies.resolve("127.0.0.1", "198.51.100.1"));
    assertEquals("198.51.100.1", proxies.resolve("10.1.2.3", "6.6.6.6, 198.51.100.1, 10.0.0.7"),
        "read from the right, skipping trusted hops; the spoofed left entry is not believed");
    assertEquals("203.0.113.5", proxies.resolve("203.0.113.5", "198.51.100.1"), "an untrusted peer's header is ignored");
    assertEquals("10.0.0.7", proxies.resolve("127.0.0.1", "not-an-ip, 10.0.0.7"), "a malformed hop stops the walk");
    assertEquals("198.51.100.1", proxies.resolve("0:0:0:0:0:0:0:1", "198.51.100.1"));
    assertThrows(ConfigException.class, () -> ClientAddress.parse("proxy.example"));
    assertThrows(ConfigException.class, () -> ClientAddress.parse("10.0.0.0/33"));
    assertThrows(ConfigException.class, () -> ClientAddress.parse("10.0.0.0/x"));
  }

  @Test
  void imagesAreRecognisedByTheirBytesNotTheirName() {
    assertEquals("image/png", Media.sniff(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0}));
    assertEquals("image/jpeg", Media.sniff(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, 0}));
    assertEquals("image/gif", Media.sniff("GIF89a....".getBytes()));
    assertEquals("image/webp", Media.sniff("RIFF\0\0\0\0WEBPVP8 ".getBytes()));
    assertNull(Media.sniff("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".getBytes()));
    assertNull(Media.sniff("<html><script>alert(1)</script>".getBytes()));
    assertNull(Media.sniff(new byte[0]));
  }

  @Test
  void aSessionEndsWhenItsAccountLosesARoleItHadAtLogin() {
    assertFalse(Auth.demoted("staff;1:owner", "staff;1:owner,2:moderator"), "a promotion keeps the session");
    assertTrue(Auth.demoted("staff;1:owner", "staff;1:moderator"));
    assertTrue(Auth.demoted("staff;1:moderator,2:owner", "staff;2:owner"));
    assertTrue(Auth.demoted("admin;", "staff;1:owner"));
    assertFalse(Auth.demoted("staff;", "admin;"));
    assertFalse(Auth.demoted("staff;1:moderator", "staff;1:owner"));
    assertFalse(Auth.demoted("admin;1:owner", "admin;"), "an admin who owned a deleted community stays signed in");
  }

  @Test
  void remoteLinksAreOnlyHttpOrHttps() {
    assertEquals("https://a.example/x", social.hearth.core.text.Links.httpUrl("https://a.example/x"));
    for (String bad : List.of("javascript:alert(1)", "data:text/html,x", "JAVASCRIPT:alert(1)", "//a.example", "ftp://a.example",
        "vbscript:x", "https://", "http:///x")) {
      assertNull(social.hearth.core.text.Links.httpUrl(bad), bad);
    }
  }

  @Test
  void staffRedirectsStayOnOurStaffPages() {
    assertEquals("/staff/c/x", SignInPages.safeNext("/staff/c/x"));
    for (String bad : List.of("https://evil.example", "//evil.example", "/staff//evil.example", "/\\evil.example", "/c/x",
        "/staff\r\nX: y")) {
      assertEquals("/staff", SignInPages.safeNext(bad), bad);
    }
  }
}
