package social.hearth.core.authoring;

/**
 * The one EXIF field a re-encoded JPEG needs: its orientation (1 to 8; 1 when absent or unreadable), read from the
 * APP1 segment's first image directory. Bounded reads only: a hostile file cannot make it loop or read out of range.
 */
final class Exif {

  private Exif() {}

  static int orientation(byte[] jpeg) {
    try {
      int i = 2;
      for (int segments = 0; segments < 64 && i + 4 <= jpeg.length; segments++) {
        if ((jpeg[i] & 0xff) != 0xff) {
          return 1;
        }
        int marker = jpeg[i + 1] & 0xff;
        int length = u16(jpeg, i + 2, true);
        if (marker == 0xda || marker == 0xd9 || length < 2) {
          return 1;
        }
        if (marker == 0xe1 && i + 10 <= jpeg.length && jpeg[i + 4] == 'E' && jpeg[i + 5] == 'x' && jpeg[i + 6] == 'i'
            && jpeg[i + 7] == 'f') {
          return fromTiff(jpeg, i + 10, Math.min(jpeg.length, i + 2 + length));
        }
        i += 2 + length;
      }
    } catch (ArrayIndexOutOfBoundsException e) {
      return 1;
    }
    return 1;
  }

  private static int fromTiff(byte[] b, int tiff, int end) {
    if (tiff + 8 > end) {
      return 1;
    }
    boolean big = b[tiff] == 'M' && b[tiff + 1] == 'M';
    if (!big && !(b[tiff] == 'I' && b[tiff + 1] == 'I')) {
      return 1;
    }
    long ifd = u32(b, tiff + 4, big);
    if (ifd < 8 || tiff + ifd + 2 > end) {
      return 1;
    }
    int dir = (int) (tiff + ifd);
    int entries = u16(b, dir, big);
    for (int e = 0; e < entries && e < 256; e++) {
      int at = dir + 2 + e * 12;
      if (at + 12 > end) {
        return 1;
      }
      if (u16(b, at, big) == 0x0112) {
        int value = u16(b, at + 8, big);
        return value >= 1 && value <= 8 ? value : 1;
      }
    }
    return 1;
  }

  private static int u16(byte[] b, int at, boolean big) {
    return big ? (b[at] & 0xff) << 8 | (b[at + 1] & 0xff) : (b[at + 1] & 0xff) << 8 | (b[at] & 0xff);
  }

  private static long u32(byte[] b, int at, boolean big) {
    return big ? ((long) u16(b, at, true) << 16) | u16(b, at + 2, true)
        : ((long) u16(b, at + 2, false) << 16) | u16(b, at, false);
  }
}
