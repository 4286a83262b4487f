package social.hearth.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import social.hearth.core.domain.WikiPage;
import social.hearth.core.domain.WikiRevision;
import social.hearth.core.port.Tx;
import social.hearth.core.port.WikiStore;

/** SQL for the wiki's pages, revisions and redirects (V48). */
public final class PgWikiStore implements WikiStore {

  private static final String PAGE = "SELECT p.id, p.community_id, p.name, p.announced, p.revision, "
      + "coalesce(r.content, '') AS content, p.created_at, p.updated_at FROM wiki_pages p "
      + "LEFT JOIN wiki_revisions r ON r.page_id = p.id AND r.number = p.revision ";
  private static final String REVISION = "SELECT page_id, number, content, summary, author, created_at "
      + "FROM wiki_revisions ";
  /** The pages and revisions listed: their text is never shown there, so it is not read ('' in its place). */
  private static final String LISTED_PAGE = "SELECT p.id, p.community_id, p.name, p.announced, p.revision, "
      + "'' AS content, p.created_at, p.updated_at FROM wiki_pages p ";
  private static final String LISTED_REVISION = "SELECT page_id, number, '' AS content, summary, author, created_at "
      + "FROM wiki_revisions ";

  private final Pool pool;

  public PgWikiStore(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Optional<WikiPage>> byName(long communityId, String name) {
    return pool.preparedQuery(PAGE + "WHERE p.community_id = $1 AND p.name = $2").execute(Tuple.of(communityId, name))
        .map(rows -> pages(rows).stream().findFirst());
  }

  @Override
  public Future<Optional<WikiPage>> byId(long pageId) {
    return pool.preparedQuery(PAGE + "WHERE p.id = $1").execute(Tuple.of(pageId))
        .map(rows -> pages(rows).stream().findFirst());
  }

  @Override
  public Future<Optional<WikiPage>> redirect(long communityId, String name) {
    return pool.preparedQuery(PAGE + "JOIN wiki_redirects w ON w.page_id = p.id WHERE w.community_id = $1 "
        + "AND w.name = $2").execute(Tuple.of(communityId, name)).map(rows -> pages(rows).stream().findFirst());
  }

  @Override
  public Future<List<WikiPage>> list(long communityId) {
    return pool.preparedQuery(LISTED_PAGE + "WHERE p.community_id = $1 AND p.revision > 0 ORDER BY p.name "
            + "LIMIT 1000")
        .execute(Tuple.of(communityId)).map(PgWikiStore::pages);
  }

  @Override
  public Future<WikiPage> lockOrCreate(Tx tx, long communityId, String name) {
    var sql = PgTx.sql(tx);
    return sql.preparedQuery("INSERT INTO wiki_pages (community_id, name) VALUES ($1, $2) "
            + "ON CONFLICT (community_id, name) DO NOTHING").execute(Tuple.of(communityId, name))
        .compose(v -> sql.preparedQuery(PAGE + "WHERE p.community_id = $1 AND p.name = $2 FOR UPDATE OF p")
            .execute(Tuple.of(communityId, name)))
        .map(rows -> pages(rows).get(0));
  }

  @Override
  public Future<WikiPage> addRevision(Tx tx, WikiPage page, String content, String summary, String author) {
    var sql = PgTx.sql(tx);
    int next = page.revision() + 1;
    return sql.preparedQuery("INSERT INTO wiki_revisions (page_id, number, content, summary, author) "
            + "VALUES ($1, $2, $3, $4, $5)").execute(Tuple.of(page.id(), next, content, summary, author))
        .compose(v -> sql.preparedQuery("UPDATE wiki_pages SET revision = $2, updated_at = now() WHERE id = $1")
            .execute(Tuple.of(page.id(), next)))
        .compose(v -> sql.preparedQuery(PAGE + "WHERE p.id = $1").execute(Tuple.of(page.id())))
        .map(rows -> pages(rows).get(0));
  }

  @Override
  public Future<Void> setAnnounced(Tx tx, long pageId, boolean announced) {
    return PgTx.sql(tx).preparedQuery("UPDATE wiki_pages SET announced = $2 WHERE id = $1").execute(Tuple.of(pageId, announced))
        .mapEmpty();
  }

  @Override
  public Future<Boolean> move(Tx tx, WikiPage page, String newName) {
    var sql = PgTx.sql(tx);
    // a redirect of the new name (an older move) gives way to the page now called so
    return sql.preparedQuery("UPDATE wiki_pages SET name = $2, updated_at = now() WHERE id = $1 AND NOT EXISTS "
            + "(SELECT 1 FROM wiki_pages WHERE community_id = $3 AND name = $2) RETURNING id")
        .execute(Tuple.of(page.id(), newName, page.communityId()))
        .compose(rows -> rows.size() == 0 ? Future.succeededFuture(false)
            : sql.preparedQuery("DELETE FROM wiki_redirects WHERE community_id = $1 AND name = $2")
                .execute(Tuple.of(page.communityId(), newName))
                .compose(v -> sql.preparedQuery("INSERT INTO wiki_redirects (community_id, name, page_id) "
                        + "VALUES ($1, $2, $3) ON CONFLICT (community_id, name) DO UPDATE SET page_id = EXCLUDED.page_id")
                    .execute(Tuple.of(page.communityId(), page.name(), page.id())))
                .map(true));
  }

  @Override
  public Future<List<WikiRevision>> revisions(long pageId) {
    return pool.preparedQuery(LISTED_REVISION + "WHERE page_id = $1 ORDER BY number DESC LIMIT 500").execute(Tuple.of(pageId))
        .map(PgWikiStore::revisions);
  }

  @Override
  public Future<Optional<WikiRevision>> revision(long pageId, int number) {
    return pool.preparedQuery(REVISION + "WHERE page_id = $1 AND number = $2").execute(Tuple.of(pageId, number))
        .map(rows -> revisions(rows).stream().findFirst());
  }

  private static List<WikiPage> pages(RowSet<Row> rows) {
    List<WikiPage> out = new ArrayList<>();
    for (Row r : rows) {
      out.add(new WikiPage(r.getLong("id"), r.getLong("community_id"), r.getString("name"), r.getBoolean("announced"),
          r.getInteger("revision"), r.getString("content"), r.getOffsetDateTime("created_at"),
          r.getOffsetDateTime("updated_at")));
    }
    return out;
  }

  private static List<WikiRevision> revisions(RowSet<Row> rows) {
    List<WikiRevision> out = new ArrayList<>();
    for (Row r : rows) {
      out.add(new WikiRevision(r.getLong("page_id"), r.getInteger("number"), r.getString("content"),
          r.getString("summary"), r.getString("author"), r.getOffsetDateTime("created_at")));
    }
    return out;
  }
}
