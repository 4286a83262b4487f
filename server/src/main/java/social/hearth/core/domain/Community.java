package social.hearth.core.domain;

import java.time.OffsetDateTime;

/**
 * A community: a local Group actor run by a creator, with its policies.
 *
 * @param joinPolicy who may join: open, approval, invite or closed
 * @param postingPolicy whose posts are re-shared: members, anyone, or moderators (an announcement channel)
 * @param membersMayReply in a moderators-only channel, whether members' replies are re-shared
 * @param newcomerDays how long a new member counts as a newcomer (probation, in the moderation filters)
 * @param reminderDays how many days before a membership expires the member is reminded
 * @param ed25519PublicPem the Ed25519 key published as a FEP-521a Multikey (null until generated)
 * @param archived read-only: it takes no new members and no new posts, and stays readable (until unarchived)
 * @param language the default language of what the community says to people (a primary language subtag, "en")
 * @param canQuote who may quote what the community authors (FEP-044f)
 * @param visibility who may read what members share: anyone (public) or the members only (private, issue 17)
 */
public record Community(long id, String slug, String name, String summary, String publicKeyPem,
                        OffsetDateTime createdAt, boolean announceLikes, boolean hideFollowers,
                        JoinPolicy joinPolicy, PostingPolicy postingPolicy, boolean membersMayReply,
                        String joinQuestion, String welcomeMarkdown, int newcomerDays, int reminderDays,
                        String ed25519PublicPem, boolean archived, String language, QuotePolicy canQuote,
                        Visibility visibility) {

  /** A public community (what every community was before issue 17). */
  public Community(long id, String slug, String name, String summary, String publicKeyPem,
                   OffsetDateTime createdAt, boolean announceLikes, boolean hideFollowers,
                   JoinPolicy joinPolicy, PostingPolicy postingPolicy, boolean membersMayReply,
                   String joinQuestion, String welcomeMarkdown, int newcomerDays, int reminderDays,
                   String ed25519PublicPem, boolean archived, String language, QuotePolicy canQuote) {
    this(id, slug, name, summary, publicKeyPem, createdAt, announceLikes, hideFollowers, joinPolicy, postingPolicy,
        membersMayReply, joinQuestion, welcomeMarkdown, newcomerDays, reminderDays, ed25519PublicPem, archived, language,
        canQuote, Visibility.PUBLIC);
  }

  /** A community that is not archived, with the default language (English) and quote policy (everyone). */
  public Community(long id, String slug, String name, String summary, String publicKeyPem, OffsetDateTime createdAt,
                   boolean announceLikes, boolean hideFollowers, JoinPolicy joinPolicy, PostingPolicy postingPolicy,
                   boolean membersMayReply, String joinQuestion, String welcomeMarkdown, int newcomerDays,
                   int reminderDays, String ed25519PublicPem) {
    this(id, slug, name, summary, publicKeyPem, createdAt, announceLikes, hideFollowers, joinPolicy, postingPolicy,
        membersMayReply, joinQuestion, welcomeMarkdown, newcomerDays, reminderDays, ed25519PublicPem, false);
  }

  /** A community with the default language (English) and quote policy (everyone). */
  public Community(long id, String slug, String name, String summary, String publicKeyPem, OffsetDateTime createdAt,
                   boolean announceLikes, boolean hideFollowers, JoinPolicy joinPolicy, PostingPolicy postingPolicy,
                   boolean membersMayReply, String joinQuestion, String welcomeMarkdown, int newcomerDays,
                   int reminderDays, String ed25519PublicPem, boolean archived) {
    this(id, slug, name, summary, publicKeyPem, createdAt, announceLikes, hideFollowers, joinPolicy, postingPolicy,
        membersMayReply, joinQuestion, welcomeMarkdown, newcomerDays, reminderDays, ed25519PublicPem, archived, "en",
        QuotePolicy.EVERYONE);
  }

  /** Who may join. */
  public enum JoinPolicy { OPEN, APPROVAL, INVITE, CLOSED }

  /** Whose posts the community re-shares. */
  public enum PostingPolicy { MEMBERS, ANYONE, MODERATORS }

  /**
   * Who may quote the community's own posts: anyone (Mastodon's default), its members (the followers collection),
   * or nobody but the community.
   */
  public enum QuotePolicy { EVERYONE, MEMBERS, NOBODY }

  /**
   * Who may read what members share: {@code PUBLIC} re-shares accepted posts to everyone; {@code PRIVATE} shows them
   * only to members (and staff), on the pages and over federation.
   */
  public enum Visibility { PUBLIC, PRIVATE }

  /** Whether what members share is for the members only. */
  public boolean isPrivate() {
    return visibility == Visibility.PRIVATE;
  }

  public boolean approvesFollowersManually() {
    return joinPolicy != JoinPolicy.OPEN;
  }
}
