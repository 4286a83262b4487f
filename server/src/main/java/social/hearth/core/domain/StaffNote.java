package social.hearth.core.domain;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A {@code Note} a staff Person authors, as the core describes it; the ActivityPub adapter writes the wire form
 * ({@code attributedTo} the Person, addressing from {@link Visibility}, {@code tag}, {@code attachment}).
 *
 * @param id the note's IRI: minted and served (as {@code application/activity+json} at that IRI) by the caller
 * @param url its page for browsers, or null
 * @param contentHtml the content, already safe HTML
 * @param summary the content warning (plain text), or null
 * @param language its BCP 47 language ({@code contentMap}), or null
 * @param inReplyTo the post it answers, or null
 * @param published when it was first published
 * @param updated when it was last edited, or null
 * @param visibility who it is addressed to
 * @param community the slug of the local community it is for ({@code audience}, and the Group in {@code cc}), or null
 * @param mentions the accounts it mentions (a {@code Mention} tag each; addressed, and delivered to when known)
 * @param hashtags hashtags without {@code #} (a {@code Hashtag} tag each)
 * @param attachments images, with their alt text
 * @param sensitive true when its media should be hidden until asked for
 */
public record StaffNote(String id, String url, String contentHtml, String summary, String language, String inReplyTo,
                        OffsetDateTime published, OffsetDateTime updated, Visibility visibility, String community,
                        List<Mention> mentions, List<String> hashtags, List<Attachment> attachments, boolean sensitive) {

  /** Who a note is addressed to, as Mastodon's visibilities. */
  public enum Visibility {
    /** {@code to: Public}, {@code cc}: the Person's followers (and the community and mentions). */
    PUBLIC,
    /** {@code to}: the followers, {@code cc: Public} (and the community and mentions). */
    UNLISTED,
    /** {@code to}: the followers (and the community), {@code cc}: the mentions. */
    FOLLOWERS,
    /** {@code to}: the mentioned accounts only; not delivered to followers. */
    DIRECT
  }

  /** A mentioned account: its actor IRI and the name shown (e.g. {@code @ana@example.org}). */
  public record Mention(String actorId, String name) {}

  /** An image: its URL (on our origin), media type and alt text ({@code name}). */
  public record Attachment(String url, String mediaType, String alt) {}

  public StaffNote {
    mentions = mentions == null ? List.of() : List.copyOf(mentions);
    hashtags = hashtags == null ? List.of() : List.copyOf(hashtags);
    attachments = attachments == null ? List.of() : List.copyOf(attachments);
    if (id == null || visibility == null || published == null) {
      throw new IllegalArgumentException("a note needs its id, visibility and publication time");
    }
  }
}
