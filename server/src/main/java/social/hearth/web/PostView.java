package social.hearth.web;

import io.pebbletemplates.pebble.extension.escaper.SafeString;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import social.hearth.core.port.PublicPageQueries;

/**
 * A re-shared post as a template shows it. Remote text is plain text; {@code content} is sanitised HTML, rendered when
 * the post was stored: the whole post on its own page, a preview in lists and the feed ({@code truncated} when the
 * preview is not the whole post; the template links to the post's page then). {@code name} is a remote event's name
 * (Mobilizon, Gancio), shown above its description; null for other posts.
 */
public record PostView(long id, String objectId, String url, String authorId, String authorName, String authorHandle,
                       String authorUrl, SafeString content, boolean truncated, String text, String summary, OffsetDateTime published,
                       List<String> tags, List<PublicPageQueries.Attachment> attachments, long replies, String inReplyTo,
                       int depth, List<PostView> thread, String name) {

  static PostView of(PublicPageQueries.Post p) {
    return new PostView(p.id(), p.objectId(), p.url(), p.authorId(), p.authorName(), p.authorHandle(), p.authorUrl(),
        Pages.safe(p.contentHtml()), p.truncated(), p.text(), p.summary(), p.published(), p.tags(), p.attachments(), p.replies(),
        p.inReplyTo(), p.depth(), of(p.thread()), p.name());
  }

  static List<PostView> of(List<PublicPageQueries.Post> posts) {
    return posts.stream().map(PostView::of).toList();
  }

  /**
   * As {@link #of(List)}, with the names of local authors, whom the remote actor cache does not know: the community
   * itself, and its staff ({@code /u/{username}}).
   */
  static List<PostView> of(List<PublicPageQueries.Post> posts, social.hearth.core.domain.Community c, Pages pages) {
    return posts.stream().map(p -> of(p, c, pages)).toList();
  }

  static PostView of(PublicPageQueries.Post p, social.hearth.core.domain.Community c, Pages pages) {
    PostView v = of(p);
    String group = pages.uris().community(c.slug());
    String staff = pages.uris().staff("");
    String name = v.authorName();
    String handle = v.authorHandle();
    String url = v.authorUrl();
    if (group.equals(v.authorId())) {
      name = c.name();
      handle = "@" + c.slug() + "@" + pages.handleHost();
      url = group;
    } else if (v.authorId() != null && v.authorId().startsWith(staff) && v.authorId().indexOf('/', staff.length()) < 0) {
      name = v.authorId().substring(staff.length());
      handle = "@" + name + "@" + pages.handleHost();
    }
    // the community's own events carry their name, date and place in the text; their summary is that line for
    // Mastodon's timelines, not a content warning, so it does not hide the text here
    boolean ownEvent = group.equals(v.authorId()) && v.name() != null;
    return new PostView(v.id(), v.objectId(), v.url(), v.authorId(), name, handle, url,
        withoutLeadingMention(v.content(), group), v.truncated(), withoutLeadingMention(v.text(), c.slug()),
        ownEvent ? null : v.summary(), v.published(), v.tags(), v.attachments(), v.replies(), v.inReplyTo(), v.depth(),
        of(p.thread(), c, pages), ownEvent ? null : v.name());
  }

  /**
   * The post's HTML without the community's own mention at its start (Mastodon puts it there in every post sent to
   * a group): shown, not stored, so the post itself is unchanged. A post that is nothing but the mention keeps it.
   */
  static SafeString withoutLeadingMention(SafeString html, String group) {
    if (html == null) {
      return null;
    }
    String h = html.toString();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(\\s*<p[^>]*>)?\\s*(?:<span class=\"h-card\"[^>]*>\\s*)?"
        + "<a\\b[^>]*\\bhref=\"" + java.util.regex.Pattern.quote(group) + "/?\"[^>]*>(?:(?!</a>).){0,300}?</a>"
        + "(?:\\s*</span>)?(?:\\s|&nbsp;|\u00a0)*", java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.DOTALL)
        .matcher(h);
    if (!m.find()) {
      return html;
    }
    String rest = (m.group(1) == null ? "" : m.group(1)) + h.substring(m.end());
    return rest.replaceAll("<[^>]*>", "").isBlank() ? html : Pages.safe(rest);
  }

  /** The post's text without a leading {@code @slug} or {@code @slug@host} of the community. */
  static String withoutLeadingMention(String text, String slug) {
    if (text == null) {
      return null;
    }
    String rest = text.replaceFirst("^\\s*@" + java.util.regex.Pattern.quote(slug) + "(@[^\\s]+)?(?=\\s|$)\\s*", "");
    return rest.isBlank() ? text : rest;
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
    String t = summary != null && !summary.isBlank() ? summary : name != null ? name : text;
    return t.length() <= max ? t : t.substring(0, Math.max(0, max - 1)).strip() + "…";
  }
}
