package social.hearth.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import social.hearth.domain.Community;

/** SQL for communities and the instance actor's key. */
public final class CommunityStore {

  private static final String COLUMNS = "id, slug, name, summary, public_key_pem, created_at, announce_likes, hide_followers";

  private final Pool pool;

  public CommunityStore(Pool pool) {
    this.pool = pool;
  }

  public Future<Community> insert(String slug, String name, String summary, String privatePem, String publicPem) {
    return pool.preparedQuery("INSERT INTO communities (slug, name, summary, private_key_pem, public_key_pem) "
            + "VALUES ($1, $2, $3, $4, $5) RETURNING " + COLUMNS)
        .execute(Tuple.of(slug, name, summary, privatePem, publicPem))
        .map(rows -> map(rows.iterator().next()));
  }

  /** Changes profile and settings; null leaves a value as it is. */
  public Future<Community> update(io.vertx.sqlclient.SqlClient tx, long id, String name, String summary,
                                  Boolean announceLikes, Boolean hideFollowers) {
    return tx.preparedQuery("UPDATE communities SET name = COALESCE($2, name), summary = COALESCE($3, summary), "
            + "announce_likes = COALESCE($4, announce_likes), hide_followers = COALESCE($5, hide_followers), "
            + "updated_at = now() WHERE id = $1 RETURNING " + COLUMNS)
        .execute(Tuple.of(id, name, summary, announceLikes, hideFollowers))
        .map(rows -> map(rows.iterator().next()));
  }

  public Future<Optional<Community>> bySlug(String slug) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM communities WHERE slug = $1")
        .execute(Tuple.of(slug))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(map(rows.iterator().next())));
  }

  public Future<Optional<Community>> byId(long id) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM communities WHERE id = $1")
        .execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(map(rows.iterator().next())));
  }

  public Future<List<Community>> list(int limit) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM communities ORDER BY created_at, id LIMIT $1")
        .execute(Tuple.of(limit))
        .map(rows -> {
          List<Community> out = new ArrayList<>();
          rows.forEach(r -> out.add(map(r)));
          return out;
        });
  }

  public Future<Long> count() {
    return pool.query("SELECT count(*) FROM communities").execute()
        .map(rows -> rows.iterator().next().getLong(0));
  }

  public Future<String> privateKeyPem(long communityId) {
    return pool.preparedQuery("SELECT private_key_pem FROM communities WHERE id = $1")
        .execute(Tuple.of(communityId))
        .map(rows -> rows.iterator().next().getString(0));
  }

  /** The instance actor's key pair as {private, public} PEM, created by {@code generator} on first use. */
  public Future<String[]> instanceKeys(java.util.function.Supplier<Future<String[]>> generator) {
    return pool.query("SELECT private_key_pem, public_key_pem FROM instance_actor WHERE id = 1").execute()
        .compose(rows -> {
          if (rows.size() > 0) {
            Row r = rows.iterator().next();
            return Future.succeededFuture(new String[] {r.getString(0), r.getString(1)});
          }
          return generator.get().compose(pair -> pool.preparedQuery(
                  "INSERT INTO instance_actor (id, private_key_pem, public_key_pem) VALUES (1, $1, $2) "
                      + "ON CONFLICT (id) DO NOTHING")
              .execute(Tuple.of(pair[0], pair[1]))
              .compose(x -> instanceKeys(generator)));
        });
  }

  static Community map(Row r) {
    return new Community(r.getLong("id"), r.getString("slug"), r.getString("name"), r.getString("summary"),
        r.getString("public_key_pem"), r.getOffsetDateTime("created_at"), r.getBoolean("announce_likes"),
        r.getBoolean("hide_followers"));
  }
}
