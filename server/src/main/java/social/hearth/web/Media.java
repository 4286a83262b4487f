package social.hearth.web;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * A community's avatar and banner: uploads are checked by their bytes (PNG, JPEG, GIF or WebP; never SVG or
 * anything a browser could run), limited in size, and served from our origin with their checked type.
 */
public final class Media {

  public static final int MAX_AVATAR = 1024 * 1024;
  public static final int MAX_BANNER = 2 * 1024 * 1024;

  /** A stored image. */
  public record Image(String contentType, Buffer bytes, String digest, String alt) {}

  private final Pool pool;

  public Media(Pool pool) {
    this.pool = pool;
  }

  public static int limit(String kind) {
    return kind.equals("banner") ? MAX_BANNER : MAX_AVATAR;
  }

  /** The image type by its first bytes, or null when it is not one we accept. */
  public static String sniff(byte[] b) {
    if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G' && b[4] == 0x0d
        && b[5] == 0x0a && b[6] == 0x1a && b[7] == 0x0a) {
      return "image/png";
    }
    if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
      return "image/jpeg";
    }
    if (b.length >= 6 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F' && b[3] == '8' && (b[4] == '7' || b[4] == '9') && b[5] == 'a') {
      return "image/gif";
    }
    if (b.length >= 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F' && b[8] == 'W' && b[9] == 'E'
        && b[10] == 'B' && b[11] == 'P') {
      return "image/webp";
    }
    return null;
  }

  public Future<Void> store(long communityId, String kind, String type, byte[] bytes, String alt) {
    return pool.preparedQuery("INSERT INTO community_media (community_id, kind, content_type, bytes, digest, alt_text) "
            + "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (community_id, kind) DO UPDATE SET content_type = EXCLUDED.content_type, "
            + "bytes = EXCLUDED.bytes, digest = EXCLUDED.digest, alt_text = EXCLUDED.alt_text, updated_at = now()")
        .execute(Tuple.of(communityId, kind, type, Buffer.buffer(bytes), digest(bytes), alt == null ? "" : alt)).mapEmpty();
  }

  public Future<Void> setAlt(long communityId, String kind, String alt) {
    return pool.preparedQuery("UPDATE community_media SET alt_text = $3 WHERE community_id = $1 AND kind = $2")
        .execute(Tuple.of(communityId, kind, alt == null ? "" : alt)).mapEmpty();
  }

  public Future<Void> remove(long communityId, String kind) {
    return pool.preparedQuery("DELETE FROM community_media WHERE community_id = $1 AND kind = $2")
        .execute(Tuple.of(communityId, kind)).mapEmpty();
  }

  public Future<Optional<Image>> get(long communityId, String kind) {
    return pool.preparedQuery("SELECT content_type, bytes, digest, alt_text FROM community_media WHERE community_id = $1 AND kind = $2")
        .execute(Tuple.of(communityId, kind)).map(rows -> rows.size() == 0 ? Optional.empty()
            : Optional.of(rows.iterator().next()).map(r -> new Image(r.getString(0), r.getBuffer(1), r.getString(2), r.getString(3))));
  }

  /** Digest and alt text of a community's images, by kind (no bytes). */
  public Future<Map<String, String[]>> info(long communityId) {
    return pool.preparedQuery("SELECT kind, digest, alt_text FROM community_media WHERE community_id = $1")
        .execute(Tuple.of(communityId)).map(rows -> {
          Map<String, String[]> out = new HashMap<>();
          rows.forEach(r -> out.put(r.getString(0), new String[] {r.getString(1), r.getString(2)}));
          return out;
        });
  }

  /** Serves an image; the digest in the URL makes it cacheable for a long time. */
  public static void serve(RoutingContext ctx, Image image) {
    ctx.response().putHeader("Content-Type", image.contentType())
        .putHeader("Cache-Control", "public, max-age=31536000, immutable")
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Content-Security-Policy", "default-src 'none'; sandbox")
        .putHeader("ETag", "\"" + image.digest() + "\"")
        .end(image.bytes());
  }

  static String digest(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
