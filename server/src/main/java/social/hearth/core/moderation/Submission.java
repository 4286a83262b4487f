package social.hearth.core.moderation;

import java.util.List;

/**
 * What the filters look at: one post, update or like on its way into a community, reduced to plain facts.
 *
 * @param text the post's visible text (content without markup, plus its name/title)
 * @param summary the content warning, or null
 * @param hashtags lower-case, without '#'
 * @param linkHosts the hosts of the links in the content (mentions and hashtag links excluded)
 * @param reply whether the post answers another post
 */
public record Submission(Kind kind, String authorId, String authorHost, String text, String summary, boolean sensitive,
                         List<String> hashtags, List<String> linkHosts, int mentions, int attachments, boolean reply) {

  /** What arrived. */
  public enum Kind { POST, UPDATE, LIKE }

  public static Submission like(String authorId, String authorHost) {
    return new Submission(Kind.LIKE, authorId, authorHost, "", null, false, List.of(), List.of(), 0, 0, false);
  }
}
