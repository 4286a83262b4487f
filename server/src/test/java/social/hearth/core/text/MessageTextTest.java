package social.hearth.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Direct messages as clients send them: what they say is read after the mentions they start with. */
class MessageTextTest {

  static final List<String> WORDS = List.of("report", "flag", "жалоба");
  /** Mastodon's HTML for a direct message to @book-club@hearth.example, as its web client posts it. */
  static final String MASTODON = "<p><span class=\"h-card\" translate=\"no\"><a href=\"https://hearth.example/c/book-club\" "
      + "class=\"u-url mention\">@<span>book-club</span></a></span> report <a href=\"https://hearth.example/c/book-club/posts/42\" "
      + "target=\"_blank\" rel=\"nofollow noopener\" translate=\"no\"><span class=\"invisible\">https://</span>"
      + "<span class=\"ellipsis\">hearth.example/c/book-club/pos</span><span class=\"invisible\">ts/42</span></a> it is rude</p>";

  @Test
  void aMastodonDirectMessageIsReadAfterTheMentionOfTheCommunity() {
    assertEquals("report https://hearth.example/c/book-club/posts/42 it is rude", MessageText.afterLeadingMentions(MASTODON));
    assertTrue(MessageText.startsWithWord(MASTODON, WORDS));
  }

  @Test
  void severalLeadingMentionsWithTheirHostsAndSeparatorsAreReadPast() {
    assertTrue(MessageText.startsWithWord("<p>@book-club@hearth.example @mod@other.example: Report, please</p>", WORDS));
    assertTrue(MessageText.startsWithWord("<p>@book-club@hearth.example:8080, @ana жалоба на пост</p>", WORDS));
    assertTrue(MessageText.startsWithWord("<p>FLAG this</p>", WORDS), "no mention at all, any case");
  }

  @Test
  void theKeywordMustBeAWholeWordAtTheStart() {
    assertFalse(MessageText.startsWithWord("<p>@book-club reporter here, hello</p>", WORDS));
    assertFalse(MessageText.startsWithWord("<p>@book-club I want to report a post</p>", WORDS), "not the first word");
    assertFalse(MessageText.startsWithWord("<p>@book-club жалобами не занимаюсь</p>", WORDS));
    assertFalse(MessageText.startsWithWord("", WORDS));
    assertFalse(MessageText.startsWithWord(null, WORDS));
  }

  @Test
  void aJoinAnswerLosesEveryMention() {
    assertEquals("The Left Hand of Darkness, slowly. thanks",
        MessageText.withoutMentions("<p>@book-club@hearth.example The Left Hand of Darkness, slowly. @ana thanks</p>"));
  }

  @Test
  void theLinksAreTheMessagesOwnNotTheMentionsAndIncludePlainAddresses() {
    assertEquals(List.of("https://hearth.example/c/book-club/posts/42"), MessageText.links(MASTODON));
    assertEquals(List.of("https://social.example/@ivy/1234"),
        MessageText.links("<p>@book-club@hearth.example report https://social.example/@ivy/1234.</p>"));
    assertEquals(List.of(), MessageText.links("<p>report <a href=\"javascript:alert(1)\">this</a></p>"));
  }
}
