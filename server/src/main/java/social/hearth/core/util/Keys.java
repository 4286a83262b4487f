package social.hearth.core.util;

import java.security.SecureRandom;

/** Short random keys for pages' addresses (boards' ideas, community posts, events). */
public final class Keys {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] KEY_CHARS = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();

  private Keys() {}

  /** A new short key (ten characters that cannot be confused with each other). */
  public static String newKey() {
    char[] out = new char[10];
    for (int i = 0; i < out.length; i++) {
      out[i] = KEY_CHARS[RANDOM.nextInt(KEY_CHARS.length)];
    }
    return new String(out);
  }
}
