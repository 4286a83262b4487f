package social.hearth.web;

import social.hearth.core.text.Html;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Read-only SQL for the staff pages: members with their names, bans, what needs attention, history. */
public final class StaffQueries {

  /** A membership or request with the person's name. */
  public record MemberRow(WebQueries.Person person, String state, String role, String answer, OffsetDateTime joinedAt,
                          OffsetDateTime acceptedAt, OffsetDateTime expiresAt) {
    /** When the membership began (acceptance, or the request for older rows). */
    public OffsetDateTime since() {
      return acceptedAt == null ? joinedAt : acceptedAt;
    }
  }

  /** An active ban. */
  public record BanRow(WebQueries.Person person, String reason, OffsetDateTime until, String byWhom, OffsetDateTime at) {}

  /** An entry of a membership's history. */
  public record Event(String type, String detail, String byWhom, OffsetDateTime at) {}

  /** What needs a moderator's attention in one community. */
  public record Counts(long pending, long expiring, long openReports, long held) {}

  static final int EXPIRING_DAYS = 14;

  private final Pool pool;

  public StaffQueries(Pool pool) {
    this.pool = pool;
  }

  private static final String MEMBER = "SELECT m.actor_id, a.name, a.preferred_username, a.host, a.document->>'url', "
      + "m.state, m.role, m.answer, m.joined_at, m.accepted_at, m.expires_at FROM members m "
      + "LEFT JOIN remote_actors a ON a.id = m.actor_id ";

  public Future<List<MemberRow>> members(long communityId, String state, int offset, int limit) {
    return rows(MEMBER + "WHERE m.community_id = $1 AND m.state = $2 ORDER BY m.joined_at, m.actor_id OFFSET $3 LIMIT $4",
        Tuple.of(communityId, state, offset, limit));
  }

  /** Members in a state; the accepted ones as stored in {@code communities.member_count}, like every public page. */
  public Future<Long> count(long communityId, String state) {
    if (state.equals("accepted")) {
      return pool.preparedQuery("SELECT member_count FROM communities WHERE id = $1")
          .execute(Tuple.of(communityId)).map(r -> r.iterator().next().getLong(0));
    }
    return pool.preparedQuery("SELECT count(*) FROM members WHERE community_id = $1 AND state = $2")
        .execute(Tuple.of(communityId, state)).map(r -> r.iterator().next().getLong(0));
  }

  public Future<List<MemberRow>> member(long communityId, String actorId) {
    return rows(MEMBER + "WHERE m.community_id = $1 AND m.actor_id = $2", Tuple.of(communityId, actorId));
  }

  /** Memberships that end within two weeks, soonest first. */
  public Future<List<MemberRow>> expiring(long communityId, int limit) {
    return rows(MEMBER + "WHERE m.community_id = $1 AND m.state = 'accepted' AND m.expires_at IS NOT NULL AND m.expires_at < "
        + "now() + interval '" + EXPIRING_DAYS + " days' ORDER BY m.expires_at LIMIT $2", Tuple.of(communityId, limit));
  }

  private Future<List<MemberRow>> rows(String sql, Tuple args) {
    return pool.preparedQuery(sql).execute(args).map(rows -> {
      List<MemberRow> out = new ArrayList<>();
      for (Row r : rows) {
        out.add(new MemberRow(WebQueries.person(r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getString(4)),
            r.getString(5), r.getString(6), r.getString(7), r.getOffsetDateTime(8), r.getOffsetDateTime(9), r.getOffsetDateTime(10)));
      }
      return out;
    });
  }

  public Future<List<BanRow>> bans(long communityId) {
    return pool.preparedQuery("SELECT b.actor_id, a.name, a.preferred_username, a.host, a.document->>'url', b.reason, b.until, "
            + "b.by_whom, b.created_at FROM bans b LEFT JOIN remote_actors a ON a.id = b.actor_id WHERE b.community_id = $1 "
            + "AND (b.until IS NULL OR b.until > now()) ORDER BY b.created_at DESC LIMIT 500")
        .execute(Tuple.of(communityId)).map(rows -> {
          List<BanRow> out = new ArrayList<>();
          for (Row r : rows) {
            out.add(new BanRow(WebQueries.person(r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getString(4)),
                r.getString(5), r.getOffsetDateTime(6), r.getString(7), r.getOffsetDateTime(8)));
          }
          return out;
        });
  }

  public Future<List<Event>> history(long communityId, String actorId) {
    return pool.preparedQuery("SELECT type, detail, by_whom, at FROM member_events WHERE community_id = $1 AND actor_id = $2 "
            + "ORDER BY at DESC, id DESC LIMIT 200").execute(Tuple.of(communityId, actorId)).map(rows -> {
              List<Event> out = new ArrayList<>();
              rows.forEach(r -> out.add(new Event(r.getString(0), r.getString(1), r.getString(2), r.getOffsetDateTime(3))));
              return out;
            });
  }

  /** Per community: pending requests, memberships ending soon, open reports, held posts. */
  public Future<Map<Long, Counts>> counts(List<Long> communityIds) {
    if (communityIds.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    String held = "(SELECT count(*) FROM moderation_items i WHERE i.community_id = c.id AND i.state = 'held')";
    return pool.preparedQuery("SELECT c.id, "
            + "(SELECT count(*) FROM members m WHERE m.community_id = c.id AND m.state = 'pending'), "
            + "(SELECT count(*) FROM members m WHERE m.community_id = c.id AND m.state = 'accepted' AND m.expires_at IS NOT NULL "
            + "AND m.expires_at < now() + interval '" + EXPIRING_DAYS + " days'), "
            + "(SELECT count(*) FROM reports r WHERE r.community_id = c.id AND r.state = 'open'), " + held
            + " FROM communities c WHERE c.id = ANY($1)")
        .execute(Tuple.tuple().addArrayOfLong(communityIds.toArray(new Long[0]))).map(rows -> {
          Map<Long, Counts> out = new HashMap<>();
          rows.forEach(r -> out.put(r.getLong(0), new Counts(r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4))));
          return out;
        });
  }

  /** Latest top-level posts, for choosing pins. */
  public Future<List<String[]>> recentForPins(long communityId, int limit) {
    return pool.preparedQuery("SELECT p.object_id, p.id::text, p.content FROM posts p WHERE p.community_id = $1 AND "
            + "p.deleted_at IS NULL AND p.in_reply_to IS NULL AND NOT EXISTS (SELECT 1 FROM featured f WHERE "
            + "f.community_id = p.community_id AND f.object_id = p.object_id) ORDER BY p.id DESC LIMIT $2")
        .execute(Tuple.of(communityId, limit)).map(rows -> {
          List<String[]> out = new ArrayList<>();
          rows.forEach(r -> out.add(new String[] {r.getString(0), r.getString(1), excerpt(Html.text(Html.sanitize(r.getString(2))))}));
          return out;
        });
  }

  static String excerpt(String text) {
    return text.length() <= 140 ? text : text.substring(0, 139).strip() + "…";
  }
}
