package social.hearth.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Remote HTML written to deceive a reader: styled as the site's own notices, or with links that lie about their host. */
class HostileHtmlTest {

  @Test
  void aPostCannotDressItselfAsASystemNotice() {
    String html = Html.sanitize("<p class=\"notice flash\">Your account will be deleted</p>"
        + "<span class=\"card error visually-hidden\">!</span><a href=\"https://evil.example/\" class=\"button primary\">Verify</a>"
        + "<div class=\"banner\"><strong class=\"h1\">Staff</strong></div><span class=\"link-host\">(bank.example)</span>");
    assertFalse(html.contains("class="), "no class of ours survives: " + html);
    assertTrue(html.contains("Your account will be deleted") && html.contains("Verify") && html.contains("Staff"),
        "the text is kept: " + html);
  }

  @Test
  void mastodonsMicroformatClassesAreKept() {
    String mention = "<p><span class=\"h-card\" translate=\"no\"><a href=\"https://masto.example/@ana\" "
        + "class=\"u-url mention\">@<span>ana</span></a></span> look at <a href=\"https://masto.example/tags/books\" "
        + "class=\"mention hashtag status-link\" rel=\"tag\">#<span>books</span></a> and "
        + "<a href=\"https://www.example.org/very/long/path\" rel=\"nofollow noopener\" target=\"_blank\">"
        + "<span class=\"invisible\">https://www.</span><span class=\"ellipsis\">example.org/very/lo</span>"
        + "<span class=\"invisible\">ng/path</span></a></p>";
    String html = Html.sanitize(mention);
    assertTrue(html.contains("<span class=\"h-card\">"), html);
    assertTrue(html.contains("class=\"u-url mention\""), html);
    assertTrue(html.contains("class=\"mention hashtag\""), "status-link is not one of them: " + html);
    assertTrue(html.contains("<span class=\"invisible\">https://www.</span><span class=\"ellipsis\">"), html);
    assertFalse(html.contains("link-host"), "mentions, hashtags and honest links are left alone: " + html);
  }

  @Test
  void aLinkWhoseTextNamesAnotherHostShowsWhereItReallyGoes() {
    String html = Html.sanitize("<p><a href=\"https://evil.example/x\">https://bank.example/login</a></p>");
    assertEquals("<p><a href=\"https://evil.example/x\" rel=\"nofollow\">https://bank.example/login</a> "
        + "<span class=\"link-host\">(evil.example)</span></p>", html);
    assertTrue(Html.text(html).contains("(evil.example)"), "the reader sees the real host");
  }

  @Test
  void everyWayOfHidingTheRealHostIsSeenThrough() {
    assertShowsHost("<a href=\"https://bank.example@evil.example/login\">bank.example</a>", "evil.example");
    assertShowsHost("<a href=\"https://evil.example\\@bank.example/\">https://bank.example</a>", "evil.example");
    assertShowsHost("<a href=\"https://evil.example:8443/\">Log in at www.bank.example today</a>", "evil.example");
    assertShowsHost("<a href=\"https://xn--bnk-6cd.example/\">bank.example</a>", "xn--bnk-6cd.example");
    assertShowsHost("<a href=\"https://bаnk.example/\">bank.example</a>", "xn--bnk-6cd.example");
    assertShowsHost("<a href=\"https://EVIL.example./\">BANK.example</a>", "evil.example");
    assertShowsHost("<a href=\"https://evil.example/@ana\" class=\"u-url mention\">@ana@bank.example</a>", "evil.example");
    assertShowsHost("<a href=\"https://evil.example/tags/x\" class=\"mention hashtag\">#bank.example</a>", "evil.example");
    assertShowsHost("<a href=\"https://evil.example/\"><span class=\"invisible\">https://</span>bank.example</a>", "evil.example");
  }

  @Test
  void honestLinksMentionsAndHashtagsGetNoMark() {
    for (String honest : new String[] {
        "<a href=\"https://bank.example/login\">https://bank.example/login</a>",
        "<a href=\"https://www.bank.example/\">bank.example</a>",
        "<a href=\"https://bank.example/\">Log in to your bank</a>",
        "<a href=\"https://masto.example/@ana\" class=\"u-url mention\">@ana</a>",
        "<a href=\"https://masto.example/@ana\" class=\"u-url mention\">@ana@masto.example</a>",
        "<a href=\"https://masto.example/tags/books\" class=\"mention hashtag\">#books</a>",
        "<a href=\"https://xn--bcher-kva.example/\">bücher.example</a>",
        "<a href=\"https://example.org/\">version 3.14, e.g. this</a>"}) {
      assertFalse(Html.sanitize(honest).contains("link-host"), honest + " -> " + Html.sanitize(honest));
    }
  }

  @Test
  void sanitisingTwiceMarksALinkOnce() {
    String once = Html.sanitize("<a href=\"https://evil.example/x\">https://bank.example/login</a>");
    String twice = Html.sanitize(once);
    assertEquals(1, twice.split("\\(evil\\.example\\)", -1).length - 1, twice);
  }

  @Test
  void aLongPostHasABoundedPreviewAndItsWholeSanitisedForm() {
    StringBuilder post = new StringBuilder("<p class=\"notice\">Start</p>");
    while (post.length() < 500_000) {
      post.append("<p>A paragraph of a very long post <b>with markup</b><script>alert(1)</script></p>");
    }
    Html.Rendered r = Html.render(post.toString());
    assertTrue(r.truncated());
    assertTrue(r.html().length() > 300_000, "the whole post: " + r.html().length());
    assertFalse(r.html().contains("<script") || r.html().contains("notice"), "sanitised");
    assertTrue(r.preview().length() < 8_000, "the preview is bounded: " + r.preview().length());
    assertTrue(r.preview().startsWith("<p>Start</p><p>A paragraph") && r.preview().endsWith("…</p>"), r.preview());
    assertTrue(r.excerpt().length() <= Html.EXCERPT && r.excerpt().startsWith("Start A paragraph"), r.excerpt());

    Html.Rendered shortPost = Html.render("<p>Short <a href=\"https://a.example/\">link</a></p>");
    assertFalse(shortPost.truncated());
    assertEquals(shortPost.html(), shortPost.preview());
  }

  @Test
  void aPreviewOfHugeMarkupIsItsTextAlone() {
    String hugeLink = "<p>See <a href=\"https://a.example/" + "x".repeat(60_000) + "\">this</a> and more</p>";
    Html.Rendered r = Html.render(hugeLink);
    assertTrue(r.truncated());
    assertEquals("<p>See this and more</p>", r.preview());
  }

  private static void assertShowsHost(String link, String host) {
    String html = Html.sanitize(link);
    assertTrue(html.contains("<span class=\"link-host\">(" + host + ")</span>"), link + " -> " + html);
  }
}
