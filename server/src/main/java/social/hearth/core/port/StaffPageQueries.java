package social.hearth.core.port;

import io.vertx.core.Future;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import social.hearth.core.domain.Person;

/** What the staff pages read: members with their names, bans, what needs attention, history, people's names. */
public interface StaffPageQueries {

  /** Memberships ending within this many days count as ending soon. */
  int EXPIRING_DAYS = 14;

  /**
   * A membership or request with the person's name, and what an applicant's account tells about them: its server,
   * when it was created ({@code published}, null when unknown) and its bio as plain text, clipped (empty when none).
   */
  record MemberRow(Person person, String state, String role, String answer, OffsetDateTime joinedAt,
                   OffsetDateTime acceptedAt, OffsetDateTime expiresAt, String server, OffsetDateTime published,
                   String bio) {

    /** How many bios' characters the staff lists show. */
    public static final int BIO = 280;

    /** Without what the account tells about itself. */
    public MemberRow(Person person, String state, String role, String answer, OffsetDateTime joinedAt,
                     OffsetDateTime acceptedAt, OffsetDateTime expiresAt) {
      this(person, state, role, answer, joinedAt, acceptedAt, expiresAt, null, null, "");
    }

    /** Whole days since the account was created, or null when it did not say. */
    public Long accountAgeDays() {
      return published == null ? null
          : Math.max(0, java.time.Duration.between(published, OffsetDateTime.now()).toDays());
    }

    /** When the membership began (acceptance, or the request for older rows). */
    public OffsetDateTime since() {
      return acceptedAt == null ? joinedAt : acceptedAt;
    }
  }

  /** An active ban in a community. */
  record BanRow(Person person, String reason, OffsetDateTime until, String byWhom, OffsetDateTime at) {}

  /** An entry of a membership's history. */
  record Event(String type, String detail, String byWhom, OffsetDateTime at) {}

  /** What needs a moderator's attention in one community. */
  record Counts(long pending, long expiring, long openReports, long held) {}

  Future<List<MemberRow>> members(long communityId, String state, int offset, int limit);

  /** Members in a state; the accepted ones as stored in the community's member count, like every public page. */
  Future<Long> count(long communityId, String state);

  Future<List<MemberRow>> member(long communityId, String actorId);

  /** Memberships that end within {@link #EXPIRING_DAYS}, soonest first. */
  Future<List<MemberRow>> expiring(long communityId, int limit);

  /** A community's active bans, newest first. */
  Future<List<BanRow>> bans(long communityId);

  /** A membership's history, newest first. */
  Future<List<Event>> history(long communityId, String actorId);

  /** Per community: pending requests, memberships ending soon, open reports, held posts. */
  Future<Map<Long, Counts>> counts(List<Long> communityIds);

  /**
   * A post offered in the pin picker: its excerpt, its content warning (null when none: the picker shows the warning
   * and keeps the excerpt behind it), its author and when it arrived.
   */
  record PinCandidate(String objectId, long postId, String excerpt, String warning, Person author,
                      OffsetDateTime at) {}

  /** Latest top-level posts not pinned yet, for choosing pins. */
  Future<List<PinCandidate>> recentForPins(long communityId, int limit);

  /** Names of remote accounts by id; unknown ones show their id. */
  Future<Map<String, Person>> people(Collection<String> ids);

  /** True when the report exists and belongs to the community (or to none, when {@code communityId} is null). */
  Future<Boolean> reportIn(long reportId, Long communityId);

  /**
   * How far a community's setup has come, for its dashboard's checklist (read in one statement).
   *
   * @param profile it has a name and a summary
   * @param images it has an avatar and a banner, both with alt text
   * @param rules it has rules, each with its consequence
   * @param welcome it has a welcome message
   * @param pinned how many posts are pinned
   * @param topics how many topic hashtags it has
   * @param policies its owner has chosen the join and posting policies (saved them at least once)
   */
  record Setup(boolean profile, boolean images, boolean rules, boolean welcome, int pinned, int topics,
               boolean policies) {}

  /** The setup checklist of a community, in one statement. */
  Future<Setup> setup(long communityId);
}
