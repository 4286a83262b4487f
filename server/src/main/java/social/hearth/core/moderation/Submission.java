package social.hearth.core.moderation;

import java.util.List;

/**
 * What the filters look at: one post, update or like on its way into a community, reduced to plain facts.
 *
 * @param text the post's visible text (content without markup, plus its name/title)
 * @param summary the content warning, or null
 * @param hashtags lower-case, without '#'
 * @param linkHosts the real hosts of the links in the content, whatever they look like, except the post's own
 *     mentions and hashtags
 * @param tagLinkHosts the hosts of the links that are the post's own mentions and hashtags (a link styled as a
 *     mention that names no mentioned account's server, or as a hashtag that is none of the post's hashtags, is a
 *     plain link in {@code linkHosts})
 * @param reply whether the post answers another post
 */
public record Submission(Kind kind, String authorId, String authorHost, String text, String summary, boolean sensitive,
                         List<String> hashtags, List<String> linkHosts, List<String> tagLinkHosts, int mentions,
                         int attachments, boolean reply) {

  /** What arrived. */
  public enum Kind { POST, UPDATE, LIKE }

  /** A submission without mention or hashtag links. */
  public Submission(Kind kind, String authorId, String authorHost, String text, String summary, boolean sensitive,
                    List<String> hashtags, List<String> linkHosts, int mentions, int attachments, boolean reply) {
    this(kind, authorId, authorHost, text, summary, sensitive, hashtags, linkHosts, List.of(), mentions, attachments,
        reply);
  }

  public static Submission like(String authorId, String authorHost) {
    return new Submission(Kind.LIKE, authorId, authorHost, "", null, false, List.of(), List.of(), 0, 0, false);
  }
}
