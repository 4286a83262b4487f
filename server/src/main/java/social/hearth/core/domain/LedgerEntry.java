package social.hearth.core.domain;

import java.time.OffsetDateTime;

/**
 * One line of a member's points ledger (append-only): how many points, of which kind ({@code post}, {@code reply},
 * {@code like}, {@code newcomer_answer}, {@code event}, {@code vote}, {@code staff}, {@code reversal}), what earned
 * them ({@code source}: a post, a reply, a Like, an event or a poll), the post concerned, whose action it was, and for
 * staff entries and reversals the reason ({@code post_removed}, {@code like_withdrawn}, {@code event_left},
 * {@code member_banned}, {@code member_removed}, or the staff member's words) and who.
 */
public record LedgerEntry(long id, String actor, int points, String kind, String source, String post, String fromActor,
                          String reason, String byWhom, Long reverses, OffsetDateTime at) {}
