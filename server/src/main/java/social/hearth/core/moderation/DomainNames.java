package social.hearth.core.moderation;

import java.net.IDN;
import java.util.Locale;

/**
 * Domain names as policies compare them: lower case, no trailing dot, no port, internationalised names in their
 * punycode form; a rule for {@code example.org} covers {@code example.org} and every subdomain of it.
 */
public final class DomainNames {

  private DomainNames() {}

  /** Normalises a domain (or a host with a port); throws IllegalArgumentException when it is not a domain name. */
  public static String normalize(String domain) {
    if (domain == null) {
      throw new IllegalArgumentException("a domain is required");
    }
    String d = domain.strip().toLowerCase(Locale.ROOT);
    if (d.startsWith("*.")) {
      d = d.substring(2);
    }
    int colon = d.lastIndexOf(':');
    if (colon > 0 && d.indexOf(']') < 0 && isPort(d, colon + 1)) {
      d = d.substring(0, colon);
    }
    while (d.endsWith(".")) {
      d = d.substring(0, d.length() - 1);
    }
    if (d.isEmpty() || d.length() > 253) {
      throw new IllegalArgumentException("'" + domain + "' is not a domain name");
    }
    if (isAscii(d)) {
      // IDN.toASCII returns ASCII labels as they are, and refuses only empty labels and labels over 63 characters
      if (!isLdhName(d, true)) {
        throw new IllegalArgumentException("'" + domain + "' is not a domain name");
      }
      return d;
    }
    try {
      d = IDN.toASCII(d, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + domain + "' is not a domain name");
    }
    if (!isLdhName(d, false)) {
      throw new IllegalArgumentException("'" + domain + "' is not a domain name");
    }
    return d;
  }

  /** One to five ASCII digits from {@code from} to the end. */
  private static boolean isPort(String s, int from) {
    int digits = s.length() - from;
    if (digits < 1 || digits > 5) {
      return false;
    }
    for (int i = from; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  /**
   * Lower-case letters, digits and hyphens in dot-separated labels, none empty or starting or ending with a hyphen
   * ({@code [a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*}); with {@code maxLabel}, no label longer
   * than 63 characters.
   */
  private static boolean isLdhName(String s, boolean maxLabel) {
    int labelStart = 0;
    for (int i = 0; i <= s.length(); i++) {
      char c = i < s.length() ? s.charAt(i) : '.';
      if (c == '.') {
        int length = i - labelStart;
        if (length == 0 || s.charAt(labelStart) == '-' || s.charAt(i - 1) == '-' || (maxLabel && length > 63)) {
          return false;
        }
        labelStart = i + 1;
      } else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
        return false;
      }
    }
    return true;
  }

  /** The normalised host of a URL or host string, or null when it has none. */
  public static String hostOf(String iriOrHost) {
    try {
      String h = iriOrHost;
      if (iriOrHost.contains("://")) {
        h = java.net.URI.create(iriOrHost).getHost();
      }
      return h == null ? null : normalize(h);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** True when {@code host} is {@code domain} or a subdomain of it (both normalised). */
  public static boolean within(String host, String domain) {
    return host.equals(domain) || host.endsWith("." + domain);
  }
}
