package social.hearth.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import social.hearth.core.domain.Image;

/**
 * A community's avatar and banner: uploads are checked by their bytes (PNG, JPEG, GIF or WebP; never SVG or
 * anything a browser could run), limited in size, and served from our origin with their checked type. Stored
 * through {@link social.hearth.core.port.MediaStore}.
 */
public final class Media {

  public static final int MAX_AVATAR = 1024 * 1024;
  public static final int MAX_BANNER = 2 * 1024 * 1024;

  private Media() {}

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

  /** Serves an image; the digest in the URL makes it cacheable for a long time. */
  public static void serve(RoutingContext ctx, Image image) {
    ctx.response().putHeader("Content-Type", image.contentType())
        .putHeader("Cache-Control", "public, max-age=31536000, immutable")
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Content-Security-Policy", "default-src 'none'; sandbox")
        .putHeader("ETag", "\"" + image.digest() + "\"")
        .end(Buffer.buffer(image.bytes()));
  }

  static String digest(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
