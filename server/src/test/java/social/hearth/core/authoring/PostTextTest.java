package social.hearth.core.authoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import social.hearth.core.domain.PostBody;

/** Markdown written by staff becomes a post: HTML, hashtags linked to the community, mentions linked to accounts. */
class PostTextTest {

  private static final PostBody.Mention ANNA = new PostBody.Mention("https://social.example/users/anna", "@anna@social.example",
      "https://social.example/@anna", "https://social.example/inbox", "social.example");

  private static PostText.Rendered render(String markdown, Map<String, PostBody.Mention> resolved) {
    return PostText.render(markdown, tag -> "https://hearth.example/c/garden/tags/" + tag, resolved);
  }

  @Test
  void markdownBecomesSanitisedHtmlAndRawHtmlIsShownAsText() {
    String html = render("**Hello** _garden_\n\n- one\n- two\n\n<script>alert(1)</script>", Map.of()).body().html();
    assertTrue(html.contains("<strong>Hello</strong>"), html);
    assertTrue(html.contains("<em>garden</em>"), html);
    assertTrue(html.contains("<li>one</li>"), html);
    assertFalse(html.contains("<script>"), html);
  }

  @Test
  void hashtagsLinkToTheCommunitysTagPagesAndAreListedOnceAsTyped() {
    PostText.Rendered r = render("Share in #Introductions and #photos_2024, again #introductions. Not #123 nor a#b.", Map.of());
    assertEquals(List.of("Introductions", "photos_2024"), r.body().hashtags());
    assertTrue(r.body().html().contains("<a href=\"https://hearth.example/c/garden/tags/introductions\" "
        + "class=\"mention hashtag\""), r.body().html());
    assertTrue(r.body().html().contains("#<span>Introductions</span></a>"), r.body().html());
    assertFalse(r.body().html().contains("tags/123"), "a number alone is not a hashtag");
  }

  @Test
  void hashtagsAndMentionsInCodeAndLinksStayText() {
    PostText.Rendered r = render("`#notatag` [see #this](https://example.org/#anchor) and `@anna@social.example`",
        Map.of("@anna@social.example", ANNA));
    assertEquals(List.of(), r.body().hashtags());
    assertEquals(List.of(), r.body().mentions());
    assertEquals(List.of(), PostText.handles("`@anna@social.example`"), "a handle in code is not looked up");
  }

  @Test
  void aResolvedMentionLinksToTheAccountAndAnUnresolvedOneStaysTextWithAWarning() {
    String md = "Thanks @anna@social.example and @ghost@nowhere.example!";
    assertEquals(List.of(new PostText.Handle("anna", "social.example"), new PostText.Handle("ghost", "nowhere.example")),
        PostText.handles(md));
    PostText.Rendered r = render(md, Map.of("@anna@social.example", ANNA));
    assertEquals(List.of(ANNA), r.body().mentions());
    assertEquals(List.of("@ghost@nowhere.example"), r.unresolved());
    assertTrue(r.body().html().contains("<span class=\"h-card\"><a href=\"https://social.example/@anna\" "
        + "class=\"u-url mention\""), r.body().html());
    assertTrue(r.body().html().contains("@ghost@nowhere.example"), "left as it was written");
  }

  @Test
  void anEmailAddressIsNotAMentionAndHostsAreCompared() {
    assertEquals(List.of(), PostText.handles("write to team@garden.example"));
    assertEquals(List.of(new PostText.Handle("Anna", "social.example")), PostText.handles("hi @Anna@Social.Example."));
  }

  @Test
  void windowsLineEndsCountAsOneCharacter() {
    assertEquals("a\nb", PostText.normalise("a\r\nb"));
  }

  @Test
  void hostileInputFindsNothingAndEnds() {
    String hostile = "@a".repeat(10_000) + "#" + "_".repeat(5_000);
    assertEquals(List.of(), render(hostile, Map.of()).body().hashtags());
    assertEquals(List.of(), PostText.handles(hostile));
  }
}
