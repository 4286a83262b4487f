package social.hearth.core.moderation;

import java.net.IDN;
import java.util.Locale;

/**
 * Domain names as policies compare them: lower case, no trailing dot, no port, internationalised names in their
 * punycode form; a rule for {@code example.org} covers {@code example.org} and every subdomain of it.
 *
 * <p>Everything that reaches the same host is the same domain. An IPv4 address is read as a URL parser reads it
 * (WHATWG URL, as {@code inet_aton}): a name whose last label is a number is an address, in one to four parts, each
 * decimal, octal (a leading {@code 0}) or hexadecimal ({@code 0x}); {@code 2130706433}, {@code 0x7f.1} and
 * {@code 0177.0.0.1} are all {@code 127.0.0.1}. An IPv4-mapped or IPv4-compatible IPv6 address
 * ({@code [::ffff:127.0.0.1]}, {@code [::ffff:7f00:1]}) is its IPv4 address. Any other IPv6 literal is not a domain
 * name (policies refuse hosts they cannot name). An address covers only itself, never "subdomains".
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
    if (d.startsWith("[") || d.indexOf(':') != d.lastIndexOf(':')) {
      return ipv6(d, domain);
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
    if (endsWithNumber(d)) {
      long v = IpLiterals.ipv4(d);
      if (v < 0) {
        throw new IllegalArgumentException("'" + domain + "' is not a domain name or an IPv4 address");
      }
      return IpLiterals.dotted(v);
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

  /** A bracketed or bare IPv6 literal (with an optional port after the bracket): its IPv4 address if it embeds one. */
  private static String ipv6(String d, String input) {
    String literal = d;
    if (d.startsWith("[")) {
      int close = d.indexOf(']');
      if (close < 0 || !(close == d.length() - 1 || (d.charAt(close + 1) == ':' && isPort(d, close + 2)))) {
        throw new IllegalArgumentException("'" + input + "' is not a domain name");
      }
      literal = d.substring(1, close);
    }
    long v = IpLiterals.embeddedIpv4(literal);
    if (v < 0) {
      throw new IllegalArgumentException("'" + input + "' is not a domain name or an IPv4-mapped address");
    }
    return IpLiterals.dotted(v);
  }

  /** True when the last label is a number (decimal, or 0x hexadecimal): the name is then an IPv4 address or nothing. */
  private static boolean endsWithNumber(String d) {
    String last = d.substring(d.lastIndexOf('.') + 1);
    if (last.isEmpty()) {
      return false;
    }
    if (last.startsWith("0x")) {
      return IpLiterals.allHex(last, 2);
    }
    for (int i = 0; i < last.length(); i++) {
      if (last.charAt(i) < '0' || last.charAt(i) > '9') {
        return false;
      }
    }
    return true;
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
        h = IpLiterals.plainHost(iriOrHost);
        if (h == null) {
          java.net.URI uri = java.net.URI.create(iriOrHost);
          h = uri.getHost();
          if (h == null && uri.getRawAuthority() != null && isWebScheme(uri.getScheme())) {
            // java.net.URI names no host for 0x7f.1 or 2130706433; a browser and curl do
            h = IpLiterals.authorityHost(uri.getRawAuthority());
            if (h == null || !endsWithNumber(h.toLowerCase(Locale.ROOT))) {
              return null;
            }
          }
        }
      }
      return h == null ? null : normalize(h);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static boolean isWebScheme(String scheme) {
    return "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
  }

  /**
   * True when {@code host} is {@code domain} or a subdomain of it (both normalised). An IPv4 address covers only
   * itself.
   */
  public static boolean within(String host, String domain) {
    return host.equals(domain) || (!IpLiterals.isDotted(domain) && host.endsWith("." + domain));
  }

  /** IP literals in every spelling, and a plain scan of a URL's host that avoids {@link java.net.URI}. */
  private static final class IpLiterals {

    private IpLiterals() {}

    /**
     * The host of {@code scheme://host[:port][/...]} when the host is a plain name (labels of letters, digits and
     * inner hyphens, the last starting with a letter) and the rest holds only characters {@link java.net.URI}
     * takes, so the answer is the one URI would give; null otherwise (the caller then asks URI).
     */
    static String plainHost(String iri) {
      int n = iri.length();
      int i = 0;
      while (i < n && (isAlpha(iri.charAt(i)) || (i > 0 && (isDigit(iri.charAt(i)) || "+-.".indexOf(iri.charAt(i)) >= 0)))) {
        i++;
      }
      if (i == 0 || !iri.startsWith("://", i)) {
        return null;
      }
      int start = i + 3;
      int end = start;
      while (end < n && "/?#".indexOf(iri.charAt(end)) < 0) {
        end++;
      }
      int p = start;
      int lastLabel = start;
      while (true) {
        if (p >= end || !(isAlpha(iri.charAt(p)) || isDigit(iri.charAt(p)))) {
          return null;
        }
        lastLabel = p;
        while (p < end && (isAlpha(iri.charAt(p)) || isDigit(iri.charAt(p)) || iri.charAt(p) == '-')) {
          p++;
        }
        if (iri.charAt(p - 1) == '-') {
          return null;
        }
        if (p < end && iri.charAt(p) == '.') {
          p++;
          continue;
        }
        break;
      }
      if (!isAlpha(iri.charAt(lastLabel)) || (p < end && !(iri.charAt(p) == ':' && isPort(iri.substring(0, end), p + 1)))) {
        return null;
      }
      boolean fragment = false;
      for (int r = end; r < n; r++) {
        char c = iri.charAt(r);
        if (c == '%') {
          if (r + 2 >= n || !isHex(iri.charAt(r + 1)) || !isHex(iri.charAt(r + 2))) {
            return null;
          }
          r += 2;
        } else if (c == '#') {
          if (fragment) {
            return null;
          }
          fragment = true;
        } else if (c != '?' && !(isAlpha(c) || isDigit(c) || "-_.!~*'():@&=+$,;/".indexOf(c) >= 0)) {
          return null;
        }
      }
      return iri.substring(start, p);
    }

    /** The host of a raw authority ({@code user@host:port}): no user info, no port. */
    static String authorityHost(String authority) {
      String h = authority.substring(authority.lastIndexOf('@') + 1);
      int colon = h.lastIndexOf(':');
      if (colon >= 0 && h.indexOf(']') < 0) {
        h = h.substring(0, colon);
      }
      return h.isEmpty() ? null : h;
    }

    /**
     * An IPv4 address as the WHATWG URL standard parses one: one to four parts, each decimal, octal (leading 0) or
     * hexadecimal (0x); every part but the last at most 255, the last filling the remaining bytes. -1 if it is none.
     */
    static long ipv4(String d) {
      String[] parts = d.split("\\.", -1);
      if (parts.length > 4) {
        return -1;
      }
      long value = 0;
      for (int i = 0; i < parts.length; i++) {
        long part = number(parts[i]);
        boolean last = i == parts.length - 1;
        if (part < 0 || (!last && part > 255) || (last && part >= 1L << (8 * (5 - parts.length)))) {
          return -1;
        }
        value = last ? (value << (8 * (5 - parts.length))) | part : (value << 8) | part;
      }
      return value;
    }

    private static long number(String part) {
      if (part.isEmpty() || part.length() > 34) {
        return -1;
      }
      int radix = 10;
      String digits = part;
      if (part.startsWith("0x")) {
        radix = 16;
        digits = part.substring(2);
        if (digits.isEmpty()) {
          return 0;
        }
      } else if (part.length() > 1 && part.charAt(0) == '0') {
        radix = 8;
        digits = part.substring(1);
      }
      try {
        java.math.BigInteger v = new java.math.BigInteger(digits, radix);
        return v.bitLength() > 33 || v.signum() < 0 ? Long.MAX_VALUE : v.longValue();
      } catch (NumberFormatException e) {
        return -1;
      }
    }

    /** The IPv4 address an IPv6 literal embeds (IPv4-mapped ::ffff:0:0/96 or IPv4-compatible ::/96), or -1. */
    static long embeddedIpv4(String literal) {
      if (literal.isEmpty() || literal.indexOf(':') < 0 || literal.length() > 45) {
        return -1;
      }
      for (int i = 0; i < literal.length(); i++) {
        char c = literal.charAt(i);
        if (!(isHex(c) || c == ':' || c == '.')) {
          return -1; // no zone ids, nothing that could make InetAddress look a name up
        }
      }
      byte[] bytes;
      try {
        // a string with a colon is parsed as a literal, never looked up
        bytes = java.net.InetAddress.getByName(literal).getAddress();
      } catch (java.net.UnknownHostException | RuntimeException e) {
        return -1;
      }
      int offset = bytes.length - 4;
      if (bytes.length == 16) {
        for (int i = 0; i < 10; i++) {
          if (bytes[i] != 0) {
            return -1;
          }
        }
        boolean mapped = bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
        boolean compatible = bytes[10] == 0 && bytes[11] == 0 && bytes[12] != 0;
        if (!mapped && !compatible) {
          return -1;
        }
      }
      long v = 0;
      for (int i = offset; i < bytes.length; i++) {
        v = (v << 8) | (bytes[i] & 0xff);
      }
      return v;
    }

    static String dotted(long v) {
      return ((v >> 24) & 0xff) + "." + ((v >> 16) & 0xff) + "." + ((v >> 8) & 0xff) + "." + (v & 0xff);
    }

    /** True for a normalised IPv4 address (four decimal parts). */
    static boolean isDotted(String s) {
      int dots = 0;
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c == '.') {
          dots++;
        } else if (!isDigit(c)) {
          return false;
        }
      }
      return dots == 3;
    }

    static boolean allHex(String s, int from) {
      for (int i = from; i < s.length(); i++) {
        if (!isHex(s.charAt(i))) {
          return false;
        }
      }
      return true;
    }

    private static boolean isAlpha(char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isDigit(char c) {
      return c >= '0' && c <= '9';
    }

    private static boolean isHex(char c) {
      return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
  }
}
