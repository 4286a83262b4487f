package social.hearth.core.port;

import io.vertx.core.Future;
import java.util.List;
import social.hearth.core.domain.Achievement;
import social.hearth.core.domain.Level;

/**
 * Levels, achievements and what members earned (issue 18, V53). What a member earned is recorded by the database
 * ({@link #evaluate}) from the members the ledger marked; announcements are claimed one by one ({@link #announced}).
 */
public interface AchievementStore {

  /** The community's own levels, lowest first; empty when it uses the defaults. */
  Future<List<Level>> levels(long communityId);

  /** Replaces the community's levels (empty: back to the defaults). */
  Future<Void> saveLevels(Tx tx, long communityId, List<Level> levels);

  /** The defaults (those switched off too, marked {@code off}) and the staff's achievements, defaults first. */
  Future<List<Achievement>> achievements(long communityId);

  /** Switches a default achievement on or off; true when that changed anything. */
  Future<Boolean> switchDefault(Tx tx, long communityId, String key, boolean on, String byWhom);

  /** False when the community has that achievement already. */
  Future<Boolean> add(Tx tx, long communityId, Achievement a, String byWhom);

  /** False when the community has no such achievement of the staff's. */
  Future<Boolean> delete(Tx tx, long communityId, String key);

  /** What a member earned (achievement keys and levels as "level:<threshold>"), newest first. */
  Future<List<Achievement.Earned>> earned(long communityId, String actor);

  /** What the members named earned, newest first (for a board). */
  Future<List<Achievement.Earned>> earned(long communityId, List<String> actors);

  /** How the community announces what members earn: dm, post or none. */
  Future<String> announce(long communityId);

  Future<Void> saveAnnounce(Tx tx, long communityId, String mode);

  /** Records what up to {@code batch} marked members earned; returns how many members it took. */
  Future<Integer> evaluate(int batch);

  /** Marks the members whose time as a member reached a day-counted achievement; returns how many. */
  Future<Integer> tenure();

  /** An announcement still to write: the community, the member, the key, dm or post. */
  record Due(long communityId, String actor, String key, String mode) {}

  /** Announcements still to write, oldest first, but none that failed and wait to be tried again. */
  Future<List<Due>> due(int limit);

  /**
   * Records that an announcement could not be sent: it waits a minute after the first failure, doubling to six hours,
   * before {@link #due} offers it again. Returns how many times it has failed.
   */
  Future<Integer> failed(Due due);

  /** Claims an announcement in the transaction that writes it: false when it was written already. */
  Future<Boolean> announced(Tx tx, Due due);
}
