package social.hearth.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A post sent to a community as Mastodon sends it starts with the community's mention; pages and feeds leave it out. */
class LeadingMentionTest {

  static final String GROUP = "https://hearth.example/c/book-club";

  @Test
  void theCommunitysOwnLeadingMentionIsNotShownButTheRestOfThePostIs() {
    String mastodon = "<p><span class=\"h-card\" translate=\"no\"><a href=\"" + GROUP + "\" class=\"u-url mention\">"
        + "@<span>book-club</span></a></span> Who has started Piranesi?</p><p>Second paragraph</p>";
    assertEquals("<p>Who has started Piranesi?</p><p>Second paragraph</p>",
        PostView.withoutLeadingMention(Pages.safe(mastodon), GROUP).toString());
    assertEquals("Who has started Piranesi?", PostView.withoutLeadingMention("@book-club@hearth.example Who has started Piranesi?",
        "book-club"));
    assertEquals("Who has started?", PostView.withoutLeadingMention("@book-club Who has started?", "book-club"));
  }

  @Test
  void otherMentionsAMentionInsideAndAPostThatIsOnlyTheMentionStayAsWritten() {
    String other = "<p><a href=\"https://m.example/@ana\" class=\"u-url mention\">@ana</a> hello</p>";
    assertEquals(other, PostView.withoutLeadingMention(Pages.safe(other), GROUP).toString());
    String inside = "<p>Hello <a href=\"" + GROUP + "\" class=\"u-url mention\">@book-club</a></p>";
    assertEquals(inside, PostView.withoutLeadingMention(Pages.safe(inside), GROUP).toString());
    String only = "<p><a href=\"" + GROUP + "\" class=\"u-url mention\">@book-club</a></p>";
    assertEquals(only, PostView.withoutLeadingMention(Pages.safe(only), GROUP).toString());
    assertEquals("@book-club", PostView.withoutLeadingMention("@book-club", "book-club"));
    assertEquals("@book-clubbers meet", PostView.withoutLeadingMention("@book-clubbers meet", "book-club"));
  }
}
