package social.hearth.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import social.hearth.core.domain.ModeratorNote;
import social.hearth.core.domain.Warning;
import social.hearth.core.port.MemberRecordStore;
import social.hearth.core.port.Tx;

/** SQL for what staff know about a member: moderator notes and warnings (V32), their posts and the reports about them. */
public final class PgMemberRecordStore implements MemberRecordStore {

  private static final String WARNING = "id, actor_id, rule_number, rule_text, note, by_whom, message_iri, warn_iri, created_at";

  private final Pool pool;

  public PgMemberRecordStore(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<ModeratorNote> addNote(long communityId, String actorId, String author, String text) {
    return pool.preparedQuery("INSERT INTO moderator_notes (community_id, actor_id, author, body) VALUES ($1, $2, $3, $4) "
            + "RETURNING id, actor_id, author, body, created_at")
        .execute(Tuple.of(communityId, actorId, author, text)).map(rows -> note(rows.iterator().next()));
  }

  @Override
  public Future<Boolean> deleteNote(long communityId, String actorId, long noteId) {
    return pool.preparedQuery("DELETE FROM moderator_notes WHERE id = $1 AND community_id = $2 AND actor_id = $3")
        .execute(Tuple.of(noteId, communityId, actorId)).map(r -> r.rowCount() > 0);
  }

  @Override
  public Future<List<ModeratorNote>> notes(long communityId, String actorId, int limit) {
    return pool.preparedQuery("SELECT id, actor_id, author, body, created_at FROM moderator_notes "
            + "WHERE community_id = $1 AND actor_id = $2 ORDER BY id DESC LIMIT $3")
        .execute(Tuple.of(communityId, actorId, limit)).map(rows -> {
          List<ModeratorNote> out = new ArrayList<>();
          rows.forEach(r -> out.add(note(r)));
          return out;
        });
  }

  @Override
  public Future<Warning> addWarning(Tx tx, long communityId, Warning w) {
    return PgTx.sql(tx).preparedQuery("INSERT INTO member_warnings (community_id, actor_id, rule_number, rule_text, note, "
            + "by_whom, message_iri, warn_iri) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING " + WARNING)
        .execute(Tuple.from(new Object[] {communityId, w.actorId(), w.ruleNumber(), w.ruleText(), w.note(), w.byWhom(),
            w.messageIri(), w.warnIri()}))
        .map(rows -> warning(rows.iterator().next()));
  }

  @Override
  public Future<List<Warning>> warnings(long communityId, String actorId, int limit) {
    return pool.preparedQuery("SELECT " + WARNING + " FROM member_warnings WHERE community_id = $1 AND actor_id = $2 "
            + "ORDER BY id DESC LIMIT $3")
        .execute(Tuple.of(communityId, actorId, limit)).map(rows -> {
          List<Warning> out = new ArrayList<>();
          rows.forEach(r -> out.add(warning(r)));
          return out;
        });
  }

  @Override
  public Future<List<PostRow>> posts(long communityId, String actorId, int limit) {
    return pool.preparedQuery("SELECT id, object_id, COALESCE(excerpt, left(regexp_replace(COALESCE(content, ''), "
            + "'<[^>]*>', ' ', 'g'), 500)), created_at, deleted_at IS NOT NULL FROM posts "
            + "WHERE community_id = $1 AND author_id = $2 ORDER BY created_at DESC, id DESC LIMIT $3")
        .execute(Tuple.of(communityId, actorId, limit)).map(rows -> {
          List<PostRow> out = new ArrayList<>();
          rows.forEach(r -> out.add(new PostRow(r.getLong(0), r.getString(1), r.getString(2), r.getOffsetDateTime(3),
              r.getBoolean(4))));
          return out;
        });
  }

  @Override
  public Future<List<String>> liveSince(long communityId, String actorId, OffsetDateTime since, int limit) {
    return pool.preparedQuery("SELECT object_id FROM posts WHERE community_id = $1 AND author_id = $2 AND created_at >= $3 "
            + "AND deleted_at IS NULL ORDER BY created_at DESC, id DESC LIMIT $4")
        .execute(Tuple.of(communityId, actorId, since, limit)).map(rows -> {
          List<String> out = new ArrayList<>();
          rows.forEach(r -> out.add(r.getString(0)));
          return out;
        });
  }

  @Override
  public Future<List<ReportRow>> reports(long communityId, String actorId, int limit) {
    return pool.preparedQuery("SELECT id, reporter_id, comment, state, resolution, created_at FROM reports r "
            + "WHERE community_id = $1 AND ($2 = ANY (accounts) OR objects && ARRAY(SELECT object_id FROM posts p "
            + "WHERE p.community_id = $1 AND p.author_id = $2)) ORDER BY id DESC LIMIT $3")
        .execute(Tuple.of(communityId, actorId, limit)).map(rows -> {
          List<ReportRow> out = new ArrayList<>();
          rows.forEach(r -> out.add(new ReportRow(r.getLong(0), r.getString(1), r.getString(2), r.getString(3),
              r.getString(4), r.getOffsetDateTime(5))));
          return out;
        });
  }

  private static ModeratorNote note(Row r) {
    return new ModeratorNote(r.getLong(0), r.getString(1), r.getString(2), r.getString(3), r.getOffsetDateTime(4));
  }

  private static Warning warning(Row r) {
    return new Warning(r.getLong(0), r.getString(1), r.getInteger(2), r.getString(3), r.getString(4), r.getString(5),
        r.getString(6), r.getString(7), r.getOffsetDateTime(8));
  }
}
