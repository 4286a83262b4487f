package social.hearth.db;

import social.hearth.core.port.Tx;
import social.hearth.core.port.MemberStore;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import social.hearth.core.domain.Member;

/** SQL for community membership: requests, members, roles, expiry, and the membership history. */
public final class PgMemberStore implements MemberStore {

  static final String COLUMNS =
      "community_id, actor_id, follow_id, state, role, answer, joined_at, accepted_at, expires_at";

  private final Pool pool;

  public PgMemberStore(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Boolean> readsPrivately(long communityId, String actorId, String origin) {
    return pool.preparedQuery("SELECT EXISTS (SELECT 1 FROM members WHERE community_id = $1 AND state = 'accepted' "
            + "AND (expires_at IS NULL OR expires_at > now()) AND (actor_id = $2 OR ($3::text IS NOT NULL "
            + "AND left(actor_id, length($3) + 1) = $3 || '/')))")
        .execute(Tuple.of(communityId, actorId, origin)).map(rows -> rows.iterator().next().getBoolean(0));
  }

  public Future<Optional<Member>> find(long communityId, String actorId) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM members WHERE community_id = $1 AND actor_id = $2")
        .execute(Tuple.of(communityId, actorId)).map(rows -> map(rows).stream().findFirst());
  }

  /** Adds or refreshes an accepted member (a repeated Follow updates the follow id); keeps role and expiry. */
  public Future<Void> upsertAccepted(Tx tx, long communityId, String actorId, String followId) {
    return upsertAccepted(tx, communityId, actorId, followId, null);
  }

  /** As above, setting the expiry when {@code expiresAt} is given. */
  public Future<Void> upsertAccepted(Tx tx, long communityId, String actorId, String followId,
                                     OffsetDateTime expiresAt) {
    return PgTx.sql(tx).preparedQuery("INSERT INTO members (community_id, actor_id, follow_id, state, accepted_at, expires_at) "
            + "VALUES ($1, $2, $3, 'accepted', now(), $4) ON CONFLICT (community_id, actor_id) DO UPDATE SET "
            + "follow_id = EXCLUDED.follow_id, state = 'accepted', "
            + "accepted_at = COALESCE(members.accepted_at, now()), expires_at = COALESCE($4, members.expires_at)")
        .execute(Tuple.of(communityId, actorId, followId, expiresAt)).mapEmpty();
  }

  /** Records a join request; a repeated request refreshes its Follow id. False when already a member. */
  public Future<Boolean> upsertPending(Tx tx, long communityId, String actorId, String followId) {
    return PgTx.sql(tx).preparedQuery("INSERT INTO members (community_id, actor_id, follow_id, state) VALUES ($1, $2, $3, 'pending') "
            + "ON CONFLICT (community_id, actor_id) DO UPDATE SET follow_id = EXCLUDED.follow_id "
            + "WHERE members.state = 'pending' RETURNING state")
        .execute(Tuple.of(communityId, actorId, followId)).map(r -> r.size() > 0);
  }

  public Future<Void> setAnswer(long communityId, String actorId, String answer) {
    return pool.preparedQuery("UPDATE members SET answer = $3 WHERE community_id = $1 AND actor_id = $2 AND state = 'pending'")
        .execute(Tuple.of(communityId, actorId, answer)).mapEmpty();
  }

  public Future<Boolean> setRole(Tx tx, long communityId, String actorId, Member.Role role) {
    return PgTx.sql(tx).preparedQuery("UPDATE members SET role = $3 WHERE community_id = $1 AND actor_id = $2 AND state = 'accepted'")
        .execute(Tuple.of(communityId, actorId, role.name().toLowerCase(Locale.ROOT))).map(r -> r.rowCount() > 0);
  }

  /** Sets (or clears, with null) the expiry and resets the reminder. */
  public Future<Boolean> setExpiry(Tx tx, long communityId, String actorId, OffsetDateTime expiresAt) {
    return PgTx.sql(tx).preparedQuery("UPDATE members SET expires_at = $3, reminded_at = NULL WHERE community_id = $1 "
            + "AND actor_id = $2 AND state = 'accepted'")
        .execute(Tuple.of(communityId, actorId, expiresAt)).map(r -> r.rowCount() > 0);
  }

  public Future<Boolean> remove(long communityId, String actorId) {
    return remove(PgTx.autoCommit(pool), communityId, actorId);
  }

  public Future<Boolean> remove(Tx tx, long communityId, String actorId) {
    return PgTx.sql(tx).preparedQuery("DELETE FROM members WHERE community_id = $1 AND actor_id = $2")
        .execute(Tuple.of(communityId, actorId)).map(r -> r.rowCount() > 0);
  }

  /** Removes the membership created by the given Follow id, whatever community it was for. */
  public Future<Boolean> removeByFollow(String actorId, String followId) {
    return pool.preparedQuery("DELETE FROM members WHERE actor_id = $1 AND follow_id = $2")
        .execute(Tuple.of(actorId, followId)).map(r -> r.rowCount() > 0);
  }

  public Future<Boolean> isAccepted(long communityId, String actorId) {
    return pool.preparedQuery("SELECT 1 FROM members WHERE community_id = $1 AND actor_id = $2 AND state = 'accepted'")
        .execute(Tuple.of(communityId, actorId)).map(r -> r.size() > 0);
  }

  /**
   * The number of accepted members, as stored in {@code communities.member_count} (kept by triggers on this table in
   * every writer's transaction; see V8__page_costs.sql), so no view counts the members.
   */
  public Future<Long> count(long communityId) {
    return pool.preparedQuery("SELECT member_count FROM communities WHERE id = $1")
        .execute(Tuple.of(communityId)).map(r -> r.size() == 0 ? 0L : r.iterator().next().getLong(0));
  }

  /** Member actor ids in join order, for the followers collection. */
  public Future<List<String>> page(long communityId, int offset, int limit) {
    return pool.preparedQuery("SELECT actor_id FROM members WHERE community_id = $1 AND state = 'accepted' "
            + "ORDER BY joined_at, actor_id OFFSET $2 LIMIT $3")
        .execute(Tuple.of(communityId, offset, limit)).map(PgMemberStore::ids);
  }

  /** Memberships (or requests) of a community, oldest first. */
  public Future<List<Member>> list(long communityId, Member.State state, int offset, int limit) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM members WHERE community_id = $1 AND state = $2 "
            + "ORDER BY joined_at, actor_id OFFSET $3 LIMIT $4")
        .execute(Tuple.of(communityId, state.name().toLowerCase(Locale.ROOT), offset, limit)).map(PgMemberStore::map);
  }

  /** Remote moderators of a community. */
  public Future<List<String>> moderators(long communityId) {
    return pool.preparedQuery("SELECT actor_id FROM members WHERE community_id = $1 AND state = 'accepted' "
            + "AND role = 'moderator' ORDER BY actor_id").execute(Tuple.of(communityId)).map(PgMemberStore::ids);
  }

  /** Members whose membership ends within their community's reminder period and who were not reminded yet. */
  public Future<List<Member>> dueForReminder(int limit) {
    return pool.preparedQuery("SELECT m.community_id, m.actor_id, m.follow_id, m.state, m.role, m.answer, m.joined_at, "
            + "m.accepted_at, m.expires_at FROM members m JOIN communities c ON c.id = m.community_id "
            + "WHERE m.state = 'accepted' AND m.expires_at IS NOT NULL AND m.reminded_at IS NULL AND c.reminder_days > 0 "
            + "AND m.expires_at > now() AND m.expires_at <= now() + c.reminder_days * interval '1 day' LIMIT $1")
        .execute(Tuple.of(limit)).map(PgMemberStore::map);
  }

  public Future<Void> markReminded(Tx tx, long communityId, String actorId) {
    return PgTx.sql(tx).preparedQuery("UPDATE members SET reminded_at = now() WHERE community_id = $1 AND actor_id = $2")
        .execute(Tuple.of(communityId, actorId)).mapEmpty();
  }

  public Future<List<Member>> expired(int limit) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM members WHERE state = 'accepted' AND expires_at <= now() "
            + "ORDER BY expires_at LIMIT $1").execute(Tuple.of(limit)).map(PgMemberStore::map);
  }

  /** Removes the actor from every community; returns how many memberships ended. */
  public Future<Integer> removeEverywhere(Tx tx, String actorId) {
    return PgTx.sql(tx).preparedQuery("DELETE FROM members WHERE actor_id = $1").execute(Tuple.of(actorId)).map(r -> r.rowCount());
  }

  /**
   * Moves every membership of {@code from} to {@code to} (an account migration) with its role, expiry,
   * history, warnings and moderator notes. Where {@code to} is already a member, the old membership simply ends. Returns the number carried over.
   */
  public Future<Integer> move(Tx tx, String from, String to) {
    return PgTx.sql(tx).preparedQuery("UPDATE members m SET actor_id = $2 WHERE m.actor_id = $1 AND NOT EXISTS "
            + "(SELECT 1 FROM members o WHERE o.community_id = m.community_id AND o.actor_id = $2)")
        .execute(Tuple.of(from, to))
        .compose(moved -> PgTx.sql(tx).preparedQuery("DELETE FROM members WHERE actor_id = $1").execute(Tuple.of(from))
            .compose(x -> PgTx.sql(tx).preparedQuery("UPDATE member_events SET actor_id = $2 WHERE actor_id = $1").execute(Tuple.of(from, to)))
            // what staff know about the member (V32) follows the account too
            .compose(x -> PgTx.sql(tx).preparedQuery("UPDATE moderator_notes SET actor_id = $2 WHERE actor_id = $1").execute(Tuple.of(from, to)))
            .compose(x -> PgTx.sql(tx).preparedQuery("UPDATE member_warnings SET actor_id = $2 WHERE actor_id = $1").execute(Tuple.of(from, to)))
            .map(x -> moved.rowCount()));
  }

  /** Appends to a membership's history. */
  public Future<Void> event(Tx tx, long communityId, String actorId, String type, String detail, String byWhom) {
    return PgTx.sql(tx).preparedQuery("INSERT INTO member_events (community_id, actor_id, type, detail, by_whom) VALUES ($1, $2, $3, $4, $5)")
        .execute(Tuple.of(communityId, actorId, type, detail, byWhom)).mapEmpty();
  }

  /** A membership's history, oldest first: {type, detail, by, at}. */
  public Future<List<String[]>> history(long communityId, String actorId) {
    return pool.preparedQuery("SELECT type, detail, by_whom, at FROM member_events WHERE community_id = $1 AND actor_id = $2 "
            + "ORDER BY at, id").execute(Tuple.of(communityId, actorId))
        .map(rows -> {
          List<String[]> out = new ArrayList<>();
          rows.forEach(r -> out.add(new String[] {r.getString(0), r.getString(1), r.getString(2), r.getOffsetDateTime(3).toString()}));
          return out;
        });
  }

  private static List<String> ids(RowSet<Row> rows) {
    List<String> out = new ArrayList<>();
    rows.forEach(r -> out.add(r.getString(0)));
    return out;
  }

  private static List<Member> map(RowSet<Row> rows) {
    List<Member> out = new ArrayList<>();
    rows.forEach(r -> out.add(map(r, 0)));
    return out;
  }

  /** A member from the row's {@link #COLUMNS}, the first of them at column {@code at}. */
  static Member map(Row r, int at) {
    return new Member(r.getLong(at), r.getString(at + 1), r.getString(at + 2),
        Member.State.valueOf(r.getString(at + 3).toUpperCase(Locale.ROOT)),
        Member.Role.valueOf(r.getString(at + 4).toUpperCase(Locale.ROOT)),
        r.getString(at + 5), r.getOffsetDateTime(at + 6), r.getOffsetDateTime(at + 7), r.getOffsetDateTime(at + 8));
  }
}
