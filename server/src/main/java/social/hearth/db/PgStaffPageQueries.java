package social.hearth.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import social.hearth.core.domain.Person;
import social.hearth.core.port.StaffPageQueries;
import social.hearth.core.text.Html;

/** The staff pages' reads: members with their names, bans, what needs attention, history. */
public final class PgStaffPageQueries implements StaffPageQueries {

  private final Pool pool;

  public PgStaffPageQueries(Pool pool) {
    this.pool = pool;
  }

  private static final String MEMBER = "SELECT m.actor_id, a.name, a.preferred_username, a.host, a.document->>'url', "
      + "m.state, m.role, m.answer, m.joined_at, m.accepted_at, m.expires_at, a.document->>'published', "
      + "CASE WHEN jsonb_typeof(a.document->'summary') = 'string' THEN left(a.document->>'summary', 4000) END FROM members m "
      + "LEFT JOIN remote_actors a ON a.id = m.actor_id ";

  @Override
  public Future<List<MemberRow>> members(long communityId, String state, int offset, int limit) {
    return rows(MEMBER + "WHERE m.community_id = $1 AND m.state = $2 ORDER BY m.joined_at, m.actor_id OFFSET $3 LIMIT $4",
        Tuple.of(communityId, state, offset, limit));
  }

  /** Members in a state; the accepted ones as stored in {@code communities.member_count}, like every public page. */
  @Override
  public Future<Long> count(long communityId, String state) {
    if (state.equals("accepted")) {
      return pool.preparedQuery("SELECT member_count FROM communities WHERE id = $1")
          .execute(Tuple.of(communityId)).map(r -> r.iterator().next().getLong(0));
    }
    return pool.preparedQuery("SELECT count(*) FROM members WHERE community_id = $1 AND state = $2")
        .execute(Tuple.of(communityId, state)).map(r -> r.iterator().next().getLong(0));
  }

  @Override
  public Future<List<MemberRow>> member(long communityId, String actorId) {
    return rows(MEMBER + "WHERE m.community_id = $1 AND m.actor_id = $2", Tuple.of(communityId, actorId));
  }

  /** Memberships that end within two weeks, soonest first. */
  @Override
  public Future<List<MemberRow>> expiring(long communityId, int limit) {
    return rows(MEMBER + "WHERE m.community_id = $1 AND m.state = 'accepted' AND m.expires_at IS NOT NULL AND m.expires_at < "
        + "now() + interval '" + EXPIRING_DAYS + " days' ORDER BY m.expires_at LIMIT $2", Tuple.of(communityId, limit));
  }

  private Future<List<MemberRow>> rows(String sql, Tuple args) {
    return pool.preparedQuery(sql).execute(args).map(rows -> {
      List<MemberRow> out = new ArrayList<>();
      for (Row r : rows) {
        out.add(new MemberRow(Person.of(r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getString(4)),
            r.getString(5), r.getString(6), r.getString(7), r.getOffsetDateTime(8), r.getOffsetDateTime(9), r.getOffsetDateTime(10),
            r.getString(3), published(r.getString(11)), Html.text(r.getString(12), MemberRow.BIO)));
      }
      return out;
    });
  }

  /** An actor's {@code published}, or null when it is missing or not a date. */
  private static OffsetDateTime published(String value) {
    if (value == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value);
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }

  @Override
  public Future<List<BanRow>> bans(long communityId) {
    return pool.preparedQuery("SELECT b.actor_id, a.name, a.preferred_username, a.host, a.document->>'url', b.reason, b.until, "
            + "b.by_whom, b.created_at FROM bans b LEFT JOIN remote_actors a ON a.id = b.actor_id WHERE b.community_id = $1 "
            + "AND (b.until IS NULL OR b.until > now()) ORDER BY b.created_at DESC LIMIT 500")
        .execute(Tuple.of(communityId)).map(rows -> {
          List<BanRow> out = new ArrayList<>();
          for (Row r : rows) {
            out.add(new BanRow(Person.of(r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getString(4)),
                r.getString(5), r.getOffsetDateTime(6), r.getString(7), r.getOffsetDateTime(8)));
          }
          return out;
        });
  }

  @Override
  public Future<List<Event>> history(long communityId, String actorId) {
    return pool.preparedQuery("SELECT type, detail, by_whom, at FROM member_events WHERE community_id = $1 AND actor_id = $2 "
            + "ORDER BY at DESC, id DESC LIMIT 200").execute(Tuple.of(communityId, actorId)).map(rows -> {
              List<Event> out = new ArrayList<>();
              rows.forEach(r -> out.add(new Event(r.getString(0), r.getString(1), r.getString(2), r.getOffsetDateTime(3))));
              return out;
            });
  }

  /** Per community: pending requests, memberships ending soon, open reports, held posts. */
  @Override
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

  /** Latest top-level posts, for choosing pins, with their content warning, author and date. */
  @Override
  public Future<List<PinCandidate>> recentForPins(long communityId, int limit) {
    return pool.preparedQuery("SELECT p.object_id, p.id, p.excerpt, CASE WHEN " + PostRendering.STALE + " THEN p.content END, "
            + "CASE WHEN " + PostRendering.STALE + " AND jsonb_typeof(p.object->'summary') = 'string' THEN p.object->>'summary' END, "
            + "p.summary_text, p.author_id, a.name, a.preferred_username, a.host, a.document->>'url', p.created_at "
            + "FROM posts p LEFT JOIN remote_actors a ON a.id = p.author_id WHERE p.community_id = $1 AND "
            + "p.deleted_at IS NULL AND p.in_reply_to IS NULL AND NOT EXISTS (SELECT 1 FROM featured f WHERE "
            + "f.community_id = p.community_id AND f.object_id = p.object_id) ORDER BY p.id DESC LIMIT $2")
        .execute(Tuple.of(communityId, limit)).compose(rows -> {
          // the excerpt stored with the post; one stored before it had one is rendered now (off the event loop), once
          List<PostRendering.Pending> pending = new ArrayList<>();
          rows.forEach(r -> {
            if (r.getString(2) == null || r.getString(3) != null) {
              pending.add(new PostRendering.Pending(r.getLong(1), r.getString(3), r.getString(4)));
            }
          });
          return PostRendering.backfill(pool, pending).map(fresh -> {
            List<PinCandidate> out = new ArrayList<>();
            rows.forEach(r -> {
              PostRendering.Columns c = fresh.get(r.getLong(1));
              String text = c == null ? r.getString(2) : c.content().excerpt();
              String warning = c == null ? r.getString(5) : c.summary();
              String author = r.getString(6);
              out.add(new PinCandidate(r.getString(0), r.getLong(1), excerpt(text == null ? "" : text),
                  warning == null || warning.isBlank() ? null : warning,
                  author == null ? null : Person.of(author, r.getString(7), r.getString(8), r.getString(9), r.getString(10)),
                  r.getOffsetDateTime(11)));
            });
            return out;
          });
        });
  }

  @Override
  public Future<Map<String, Person>> people(Collection<String> ids) {
    String[] list = ids.toArray(new String[0]);
    return pool.preparedQuery("SELECT id, name, preferred_username, host, document->>'url' FROM remote_actors WHERE id = ANY($1)")
        .execute(Tuple.tuple().addArrayOfString(list)).map(rows -> {
          Map<String, Person> out = new HashMap<>();
          rows.forEach(r -> out.put(r.getString(0), Person.of(r.getString(0), r.getString(1), r.getString(2),
              r.getString(3), r.getString(4))));
          for (String id : list) {
            out.putIfAbsent(id, Person.unknown(id));
          }
          return out;
        });
  }

  @Override
  public Future<Boolean> reportIn(long reportId, Long communityId) {
    Future<io.vertx.sqlclient.RowSet<Row>> rows = communityId == null
        ? pool.preparedQuery("SELECT 1 FROM reports WHERE id = $1 AND community_id IS NULL").execute(Tuple.of(reportId))
        : pool.preparedQuery("SELECT 1 FROM reports WHERE id = $1 AND community_id = $2").execute(Tuple.of(reportId, communityId));
    return rows.map(r -> r.size() > 0);
  }

  static String excerpt(String text) {
    return text.length() <= 140 ? text : text.substring(0, 139).strip() + "…";
  }

  /** The setup checklist: one statement over the community's row and its rules, images, pins and topics. */
  @Override
  public Future<Setup> setup(long communityId) {
    return pool.preparedQuery("SELECT c.name <> '' AND btrim(c.summary) <> '', "
            + "(SELECT count(*) FROM community_media m WHERE m.community_id = c.id AND btrim(m.alt_text) <> '') = 2, "
            + "EXISTS (SELECT 1 FROM rules r WHERE r.community_id = c.id) AND NOT EXISTS (SELECT 1 FROM rules r "
            + "WHERE r.community_id = c.id AND btrim(r.consequence) = ''), btrim(c.welcome_markdown) <> '', "
            + "(SELECT count(*) FROM featured f WHERE f.community_id = c.id)::int, "
            + "(SELECT count(*) FROM community_topics t WHERE t.community_id = c.id)::int, c.policies_chosen_at IS NOT NULL "
            + "FROM communities c WHERE c.id = $1")
        .execute(Tuple.of(communityId)).map(rows -> {
          Row r = rows.iterator().next();
          return new Setup(r.getBoolean(0), r.getBoolean(1), r.getBoolean(2), r.getBoolean(3), r.getInteger(4),
              r.getInteger(5), r.getBoolean(6));
        });
  }
}
