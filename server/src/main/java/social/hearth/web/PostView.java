package social.hearth.web;

import io.pebbletemplates.pebble.extension.escaper.SafeString;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import social.hearth.core.port.PublicPageQueries;

/**
 * A re-shared post as a template shows it. Remote text is plain text; {@code content} is sanitised HTML, rendered when
 * the post was stored: the whole post on its own page, a preview in lists and the feed ({@code truncated} when the
 * preview is not the whole post; the template links to the post's page then).
 */
public record PostView(long id, String objectId, String url, String authorId, String authorName, String authorHandle,
                       String authorUrl, SafeString content, boolean truncated, String text, String summary, OffsetDateTime published,
                       List<String> tags, List<PublicPageQueries.Attachment> attachments, long replies, String inReplyTo,
                       int depth, List<PostView> thread) {

  static PostView of(PublicPageQueries.Post p) {
    return new PostView(p.id(), p.objectId(), p.url(), p.authorId(), p.authorName(), p.authorHandle(), p.authorUrl(),
        Pages.safe(p.contentHtml()), p.truncated(), p.text(), p.summary(), p.published(), p.tags(), p.attachments(), p.replies(),
        p.inReplyTo(), p.depth(), of(p.thread()));
  }

  static List<PostView> of(List<PublicPageQueries.Post> posts) {
    return posts.stream().map(PostView::of).toList();
  }

  /** The sanitised HTML as a string, for feeds (where it is escaped once more). */
  public String contentHtml() {
    return content.toString();
  }

  /** The first letter of the author's name, for the placeholder avatar. */
  public String authorInitial() {
    return authorName == null || authorName.isEmpty() ? "?"
        : authorName.substring(0, authorName.offsetByCodePoints(0, 1)).toUpperCase(Locale.ROOT);
  }

  /** The first words of the post, for titles and link previews. */
  public String excerpt(Number limit) {
    int max = limit.intValue();
    String t = summary != null && !summary.isBlank() ? summary : text;
    return t.length() <= max ? t : t.substring(0, Math.max(0, max - 1)).strip() + "…";
  }
}
