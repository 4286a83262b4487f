package social.hearth.db;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import social.hearth.core.domain.Image;
import social.hearth.core.domain.MediaRef;
import social.hearth.core.port.MediaStore;

/** Community avatars and banners in {@code community_media}. */
public final class PgMediaStore implements MediaStore {

  private final Pool pool;

  public PgMediaStore(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Void> store(long communityId, String kind, String contentType, byte[] bytes, String digest, String alt) {
    return pool.preparedQuery("INSERT INTO community_media (community_id, kind, content_type, bytes, digest, alt_text) "
            + "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (community_id, kind) DO UPDATE SET content_type = EXCLUDED.content_type, "
            + "bytes = EXCLUDED.bytes, digest = EXCLUDED.digest, alt_text = EXCLUDED.alt_text, updated_at = now()")
        .execute(Tuple.of(communityId, kind, contentType, Buffer.buffer(bytes), digest, alt == null ? "" : alt)).mapEmpty();
  }

  @Override
  public Future<Void> setAlt(long communityId, String kind, String alt) {
    return pool.preparedQuery("UPDATE community_media SET alt_text = $3 WHERE community_id = $1 AND kind = $2")
        .execute(Tuple.of(communityId, kind, alt == null ? "" : alt)).mapEmpty();
  }

  @Override
  public Future<Void> remove(long communityId, String kind) {
    return pool.preparedQuery("DELETE FROM community_media WHERE community_id = $1 AND kind = $2")
        .execute(Tuple.of(communityId, kind)).mapEmpty();
  }

  @Override
  public Future<Optional<Image>> get(long communityId, String kind) {
    return pool.preparedQuery("SELECT content_type, bytes, digest, alt_text FROM community_media WHERE community_id = $1 AND kind = $2")
        .execute(Tuple.of(communityId, kind)).map(rows -> rows.size() == 0 ? Optional.empty()
            : Optional.of(rows.iterator().next()).map(r -> new Image(r.getString(0), r.getBuffer(1).getBytes(), r.getString(2),
                r.getString(3))));
  }

  @Override
  public Future<Map<String, MediaRef>> info(long communityId) {
    return pool.preparedQuery("SELECT kind, content_type, digest, alt_text FROM community_media WHERE community_id = $1")
        .execute(Tuple.of(communityId)).map(rows -> {
          Map<String, MediaRef> out = new HashMap<>();
          rows.forEach(r -> out.put(r.getString(0), new MediaRef(r.getString(0), r.getString(1), r.getString(2), r.getString(3))));
          return out;
        });
  }
}
