package social.hearth.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import social.hearth.core.domain.Person;
import social.hearth.core.domain.ReceivedMention;
import social.hearth.core.domain.StaffMention;
import social.hearth.core.port.StaffInboxStore;

/** The staff inbox: {@code staff_mentions}, with the authors' names from {@code remote_actors}. */
public final class PgStaffInboxStore implements StaffInboxStore {

  private final Pool pool;

  public PgStaffInboxStore(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Void> store(List<Long> accountIds, ReceivedMention m, String html) {
    // one statement: the rows, and for each account the oldest beyond the limit forgotten (the statement does not
    // see the row it adds, hence one fewer kept)
    return pool.preparedQuery("WITH added AS (INSERT INTO staff_mentions (account_id, object_id, author_id, in_reply_to, "
            + "url, summary, content_html, direct, published_at) SELECT a, $2, $3, $4, $5, $6, $7, $8, $9 "
            + "FROM unnest($1::bigint[]) AS a ON CONFLICT (account_id, object_id) DO NOTHING RETURNING account_id) "
            + "DELETE FROM staff_mentions WHERE id IN (SELECT o.id FROM added x, LATERAL (SELECT id FROM staff_mentions "
            + "WHERE account_id = x.account_id ORDER BY id DESC OFFSET " + (KEPT - 1) + ") o)")
        .execute(Tuple.from(new Object[] {accountIds.toArray(new Long[0]), m.objectId(), m.authorId(), m.inReplyTo(),
            m.url(), m.summary(), html, m.direct(), m.published()}))
        .mapEmpty();
  }

  @Override
  public Future<Boolean> revise(String objectId, String authorId, String summary, String html) {
    return pool.preparedQuery("UPDATE staff_mentions SET content_html = $3, summary = $4, updated_at = now() "
            + "WHERE object_id = $1 AND author_id = $2").execute(Tuple.of(objectId, authorId, html, summary))
        .map(r -> r.rowCount() > 0);
  }

  @Override
  public Future<Void> remove(String objectId, String authorId) {
    return pool.preparedQuery("DELETE FROM staff_mentions WHERE object_id = $1 AND author_id = $2")
        .execute(Tuple.of(objectId, authorId)).mapEmpty();
  }

  @Override
  public Future<List<StaffMention>> page(long accountId, Long before, int limit) {
    return pool.preparedQuery("SELECT s.id, s.object_id, s.author_id, r.name, r.preferred_username, r.host, "
            + "r.document->>'url', s.summary, s.content_html, s.url, s.direct, s.published_at, s.received_at, "
            + "s.read_at IS NULL FROM staff_mentions s LEFT JOIN remote_actors r ON r.id = s.author_id "
            + "WHERE s.account_id = $1 AND ($2::bigint IS NULL OR s.id < $2) ORDER BY s.id DESC LIMIT $3")
        .execute(Tuple.of(accountId, before, limit)).map(rows -> {
          List<StaffMention> out = new ArrayList<>();
          for (Row r : rows) {
            out.add(new StaffMention(r.getLong(0), r.getString(1), Person.of(r.getString(2), r.getString(3),
                r.getString(4), r.getString(5), r.getString(6)), r.getString(7), r.getString(8), r.getString(9),
                r.getBoolean(10), r.getOffsetDateTime(11), r.getOffsetDateTime(12), r.getBoolean(13)));
          }
          return out;
        });
  }

  @Override
  public Future<Long> unread(long accountId) {
    return pool.preparedQuery("SELECT count(*) FROM staff_mentions WHERE account_id = $1 AND read_at IS NULL")
        .execute(Tuple.of(accountId)).map(rows -> rows.iterator().next().getLong(0));
  }

  @Override
  public Future<Void> markRead(long accountId, long upTo) {
    return pool.preparedQuery("UPDATE staff_mentions SET read_at = now() WHERE account_id = $1 AND id <= $2 "
            + "AND read_at IS NULL").execute(Tuple.of(accountId, upTo)).mapEmpty();
  }
}
