package social.hearth.core.domain;

import java.util.List;

/**
 * What an authored post's Markdown rendered to when it was written: sanitised HTML (hashtags linked to the community's
 * tag pages, resolved mentions linked to their accounts), the hashtags it carries (as typed, without '#') and the
 * accounts it mentions.
 */
public record PostBody(String html, List<String> hashtags, List<Mention> mentions) {

  public PostBody {
    hashtags = List.copyOf(hashtags);
    mentions = List.copyOf(mentions);
  }

  /**
   * An account a post mentions: its actor IRI, its handle as written ({@code @name@host}), a link to show, and
   * where to deliver the post so they see it (null for a local actor).
   */
  public record Mention(String id, String handle, String url, String inbox, String host) {}
}
