package social.hearth.core.port;

import io.vertx.core.Future;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import social.hearth.core.domain.BoardEntry;
import social.hearth.core.domain.Leader;
import social.hearth.core.domain.LedgerEntry;

/**
 * The points ledger (issue 18). Earning entries and their reversals are written by the database in the transaction
 * of what earns or takes them back; the core reads them and adds staff entries.
 */
public interface LedgerStore {

  /** A member's entries, newest first. */
  Future<List<LedgerEntry>> history(long communityId, String actor, int limit);

  /** A member's points in total. */
  Future<Long> total(long communityId, String actor);

  /** A staff member's award (positive) or deduction (negative), with the reason. */
  Future<LedgerEntry> staff(Tx tx, long communityId, String actor, int points, String reason, String byWhom);

  /**
   * Current members by the points earned since {@code since} (all time when null), most first, with their total points;
   * without those who left the public board when {@code publicOnly}.
   */
  Future<List<Board>> board(long communityId, OffsetDateTime since, boolean publicOnly, int limit);

  /** A board line before the level is known: points of the period and the member's total. */
  record Board(String actor, long points, long total) {
    public BoardEntry at(int level) {
      return new BoardEntry(actor, points, level);
    }
  }

  /** The leaders: members who answered newcomers, replied to others or go to events, most helpful first. */
  Future<List<Leader>> leaders(long communityId, int limit);

  /** The median time a newcomer's first post waited for its first answer, from posts made in [from, to). */
  Future<Long> newcomerReplyMedian(long communityId, OffsetDateTime from, OffsetDateTime to);

  /** Weights, caps (by kind, only those the community set) and whether the public board is on. */
  Future<Settings> settings(long communityId);

  Future<Void> saveSettings(Tx tx, long communityId, Settings settings);

  record Settings(Map<String, Integer> weights, Map<String, Integer> caps, boolean publicBoard) {}

  /** The member leaves the public board for good; false when they had already. */
  Future<Boolean> hide(Tx tx, long communityId, String actor);
}
