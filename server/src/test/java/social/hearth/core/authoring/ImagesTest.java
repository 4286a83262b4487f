package social.hearth.core.authoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import social.hearth.core.CoreException;

/** Uploaded images are checked by their bytes and re-encoded so that no metadata survives. */
class ImagesTest {

  private static byte[] encode(String format, int w, int h) throws Exception {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    img.setRGB(w - 1, 0, 0xff0000);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, format, out);
    return out.toByteArray();
  }

  /** A JPEG with an APP1 Exif segment (orientation 6, and a "GPS" marker text) right after SOI. */
  private static byte[] jpegWithExif(byte[] jpeg) {
    byte[] tiff = {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0, 0, 0};
    byte[] marker = "GPS-SECRET-PLACE".getBytes(StandardCharsets.US_ASCII);
    int length = 2 + 6 + tiff.length + marker.length;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(jpeg, 0, 2);
    out.write(0xff);
    out.write(0xe1);
    out.write(length >> 8);
    out.write(length & 0xff);
    out.writeBytes(new byte[] {'E', 'x', 'i', 'f', 0, 0});
    out.writeBytes(tiff);
    out.writeBytes(marker);
    out.write(jpeg, 2, jpeg.length - 2);
    return out.toByteArray();
  }

  @Test
  void aJpegIsReEncodedWithoutItsExifAndTurnedUpright() throws Exception {
    byte[] upload = jpegWithExif(encode("jpeg", 40, 20));
    assertEquals(6, Exif.orientation(upload));
    Images.Clean clean = Images.clean(upload);
    assertEquals("image/jpeg", clean.contentType());
    assertEquals(20, clean.width(), "orientation 6: turned a quarter, so 40x20 becomes 20x40");
    assertEquals(40, clean.height());
    String bytes = new String(clean.bytes(), StandardCharsets.ISO_8859_1);
    assertFalse(bytes.contains("Exif"), "no EXIF segment");
    assertFalse(bytes.contains("GPS-SECRET-PLACE"), "nothing of the metadata");
    BufferedImage back = ImageIO.read(new ByteArrayInputStream(clean.bytes()));
    assertEquals(20, back.getWidth());
  }

  @Test
  void pngAndGifBecomePngWithTheirSize() throws Exception {
    Images.Clean png = Images.clean(encode("png", 7, 5));
    assertEquals("image/png", png.contentType());
    assertEquals(7, png.width());
    Images.Clean gif = Images.clean(encode("gif", 3, 9));
    assertEquals("image/png", gif.contentType());
    assertEquals(9, gif.height());
  }

  @Test
  void whatIsNotAnImageWeTakeIsRefusedWithItsReason() {
    assertTrue(assertThrows(CoreException.class, () -> Images.clean("<svg onload=alert(1)>".getBytes()))
        .getMessage().contains("PNG, JPEG or GIF"));
    byte[] webp = {'R', 'I', 'F', 'F', 1, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', ' '};
    assertTrue(assertThrows(CoreException.class, () -> Images.clean(webp)).getMessage().contains("WebP"));
    byte[] damaged = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0};
    assertTrue(assertThrows(CoreException.class, () -> Images.clean(damaged)).getMessage().contains("cannot be read"));
    assertTrue(assertThrows(CoreException.class, () -> Images.clean(new byte[Images.MAX_BYTES + 1])).getMessage()
        .contains("larger than"));
  }

  @Test
  void anImageTooLargeInPixelsIsRefusedBeforeItIsDecoded() throws Exception {
    // a PNG header claiming 20000 x 20000 pixels, with no pixels behind it
    byte[] png = encode("png", 1, 1);
    png[16] = 0;
    png[17] = 0;
    png[18] = 0x4e;
    png[19] = 0x20;
    png[20] = 0;
    png[21] = 0;
    png[22] = 0x4e;
    png[23] = 0x20;
    CoreException e = assertThrows(CoreException.class, () -> Images.clean(png));
    assertTrue(e.getMessage().contains("too large") || e.getMessage().contains("cannot be read"), e.getMessage());
  }
}
