package social.hearth.core.authoring;

import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import social.hearth.core.CoreException;

/**
 * Images for posts: checked by their bytes (PNG, JPEG, GIF; WebP is refused, as no well-kept WebP decoder is among
 * the packages known to resolve here), limited in size and in pixels before anything is decoded, and re-encoded from
 * their pixels alone, so no metadata (EXIF with its GPS position, comments, colour profiles, text chunks) survives.
 * A JPEG stays a JPEG (turned upright first, as its EXIF orientation says); PNG and GIF become PNG (an animated GIF
 * keeps its first frame). Costly: callers run it off the event loop.
 */
public final class Images {

  /** The most bytes one uploaded image may have. */
  public static final int MAX_BYTES = 5 * 1024 * 1024;
  /** The most pixels along either side, and in all, an image may have (checked before decoding it). */
  public static final int MAX_SIDE = 8_192;
  public static final long MAX_PIXELS = 40_000_000L;
  /** The most images one post may have. */
  public static final int MAX_PER_POST = 4;
  /** The most characters of alt text. */
  public static final int MAX_ALT = 1_500;

  /** A re-encoded image. */
  public record Clean(String contentType, byte[] bytes, int width, int height) {}

  private Images() {}

  /** The type an upload's first bytes show, or null when it is none we know. */
  static String sniff(byte[] b) {
    if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G' && b[4] == 0x0d
        && b[5] == 0x0a && b[6] == 0x1a && b[7] == 0x0a) {
      return "image/png";
    }
    if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
      return "image/jpeg";
    }
    if (b.length >= 6 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F' && b[3] == '8' && (b[4] == '7' || b[4] == '9')
        && b[5] == 'a') {
      return "image/gif";
    }
    if (b.length >= 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F' && b[8] == 'W' && b[9] == 'E'
        && b[10] == 'B' && b[11] == 'P') {
      return "image/webp";
    }
    return null;
  }

  /** Checks and re-encodes an upload; a 400 with the reason when it is not an image Hearth takes. */
  public static Clean clean(byte[] upload) {
    if (upload == null || upload.length == 0) {
      throw CoreException.badRequest("the image is empty");
    }
    if (upload.length > MAX_BYTES) {
      throw CoreException.badRequest("the image is larger than " + MAX_BYTES / (1024 * 1024) + " MB");
    }
    String type = sniff(upload);
    if ("image/webp".equals(type)) {
      throw CoreException.badRequest("WebP images are not accepted: please upload a PNG, JPEG or GIF");
    }
    if (type == null) {
      throw CoreException.badRequest("the image must be a PNG, JPEG or GIF (its bytes say it is none of these)");
    }
    BufferedImage pixels = decode(upload, type);
    if ("image/jpeg".equals(type)) {
      pixels = upright(pixels, Exif.orientation(upload));
      return new Clean("image/jpeg", jpeg(rgb(pixels)), pixels.getWidth(), pixels.getHeight());
    }
    return new Clean("image/png", png(pixels), pixels.getWidth(), pixels.getHeight());
  }

  private static BufferedImage decode(byte[] bytes, String type) {
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(type);
      if (!readers.hasNext()) {
        throw CoreException.badRequest("the image cannot be read");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        int w = reader.getWidth(0);
        int h = reader.getHeight(0);
        if (w < 1 || h < 1 || w > MAX_SIDE || h > MAX_SIDE || (long) w * h > MAX_PIXELS) {
          throw CoreException.badRequest("the image is too large: at most " + MAX_SIDE + " pixels a side and "
              + MAX_PIXELS / 1_000_000 + " million pixels");
        }
        BufferedImage image = reader.read(0);
        if (image == null) {
          throw CoreException.badRequest("the image cannot be read");
        }
        return image;
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof CoreException c) {
        throw c;
      }
      throw CoreException.badRequest("the image is damaged or cannot be read");
    }
  }

  /** Turns a JPEG upright by its EXIF orientation (1 to 8). */
  static BufferedImage upright(BufferedImage img, int orientation) {
    if (orientation <= 1 || orientation > 8) {
      return img;
    }
    int w = img.getWidth();
    int h = img.getHeight();
    boolean swap = orientation >= 5;
    // (m00, m10, m01, m11, m02, m12): x' = m00 x + m01 y + m02, y' = m10 x + m11 y + m12
    AffineTransform t = switch (orientation) {
      case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0);
      case 3 -> new AffineTransform(-1, 0, 0, -1, w, h);
      case 4 -> new AffineTransform(1, 0, 0, -1, 0, h);
      case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0);
      case 6 -> new AffineTransform(0, 1, -1, 0, h, 0);
      case 7 -> new AffineTransform(0, -1, -1, 0, h, w);
      default -> new AffineTransform(0, -1, 1, 0, 0, w);
    };
    BufferedImage out = new BufferedImage(swap ? h : w, swap ? w : h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.drawImage(img, t, null);
    g.dispose();
    return out;
  }

  private static BufferedImage rgb(BufferedImage img) {
    if (img.getType() == BufferedImage.TYPE_INT_RGB || img.getType() == BufferedImage.TYPE_3BYTE_BGR) {
      return img;
    }
    BufferedImage out = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setColor(java.awt.Color.WHITE);
    g.fillRect(0, 0, img.getWidth(), img.getHeight());
    g.drawImage(img, 0, 0, null);
    g.dispose();
    return out;
  }

  private static byte[] jpeg(BufferedImage img) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(0.9f);
      writer.write(null, new IIOImage(img, null, null), param);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode a JPEG", e);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  private static byte[] png(BufferedImage img) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      BufferedImage plain = img.getColorModel().hasAlpha() ? argb(img) : rgb(img);
      if (!ImageIO.write(plain, "png", bytes)) {
        throw new IllegalStateException("no PNG writer");
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode a PNG", e);
    }
    return bytes.toByteArray();
  }

  private static BufferedImage argb(BufferedImage img) {
    if (img.getType() == BufferedImage.TYPE_INT_ARGB) {
      return img;
    }
    BufferedImage out = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = out.createGraphics();
    g.drawImage(img, 0, 0, null);
    g.dispose();
    return out;
  }
}
