package social.hearth.federation.vocab;

/**
 * A plain scan of the common shape of an absolute IRI, {@code scheme://host[:port][/path][?query][#fragment]} in
 * ASCII, which reads scheme, host and port without {@link java.net.URI} (parsing one costs more than verifying the
 * signature it comes with). It answers only for input that {@code java.net.URI} parses the same way and without
 * error; for anything else (user info, IP literals, a host with an underscore or a trailing dot, a numeric last
 * label, non-ASCII, characters URI would refuse) it answers null, and the caller asks {@code java.net.URI}, which
 * then decides exactly as before. {@code IriScannerTest} compares both on a large random sample.
 *
 * <p>The rules mirror {@code java.net.URI}'s parser (RFC 2396 with its documented deviations): a scheme is a letter
 * then letters, digits, {@code + - .}; a host name is labels of letters, digits and inner hyphens separated by single
 * dots, and the last label starts with a letter (so no IPv4 address is mistaken for a name); a port is digits; the
 * path takes unreserved characters, escapes and {@code ; / : @ & = + $ ,}; query and fragment also {@code ?}.
 */
public final class IriScanner {

  /** What the scan found: the scheme and host as written (not lower-cased), and the port or -1. */
  public record Parts(String scheme, String host, int port) {}

  private IriScanner() {}

  /** The parts of {@code iri} when it has the plain shape described above; null otherwise. */
  public static Parts scan(String iri) {
    int n = iri.length();
    if (n == 0 || !isAlpha(iri.charAt(0))) {
      return null;
    }
    int i = 1;
    while (i < n && isSchemeChar(iri.charAt(i))) {
      i++;
    }
    if (i + 2 >= n || iri.charAt(i) != ':' || iri.charAt(i + 1) != '/' || iri.charAt(i + 2) != '/') {
      return null;
    }
    int schemeEnd = i;
    int start = i + 3;
    int end = start;
    while (end < n && "/?#".indexOf(iri.charAt(end)) < 0) {
      end++;
    }
    int hostEnd = hostName(iri, start, end);
    if (hostEnd < 0) {
      return null;
    }
    int port = -1;
    if (hostEnd < end) {
      port = port(iri, hostEnd, end);
      if (port < 0) {
        return null;
      }
    }
    if (!rest(iri, end)) {
      return null;
    }
    return new Parts(iri.substring(0, schemeEnd), iri.substring(start, hostEnd), port);
  }

  /** The end of a host name that fills {@code [start, end)} up to an optional port, or -1. */
  private static int hostName(String s, int start, int end) {
    int p = start;
    int lastLabel;
    while (true) {
      if (p >= end || !isAlphanumeric(s.charAt(p))) {
        return -1; // empty label, or one that starts with a hyphen or another character
      }
      lastLabel = p;
      while (p < end && (isAlphanumeric(s.charAt(p)) || s.charAt(p) == '-')) {
        p++;
      }
      if (s.charAt(p - 1) == '-') {
        return -1;
      }
      if (p < end && s.charAt(p) == '.') {
        p++;
        continue;
      }
      break;
    }
    if (!isAlpha(s.charAt(lastLabel))) {
      return -1;
    }
    return p;
  }

  /** The port in {@code [colon, end)}, which must be a colon and one to five digits; -1 otherwise. */
  private static int port(String s, int colon, int end) {
    int digits = end - colon - 1;
    if (s.charAt(colon) != ':' || digits < 1 || digits > 5) {
      return -1;
    }
    int port = 0;
    for (int i = colon + 1; i < end; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      port = port * 10 + (c - '0');
    }
    return port;
  }

  /** True when path, query and fragment from {@code p} hold only characters URI takes there. */
  private static boolean rest(String s, int p) {
    int n = s.length();
    boolean fragment = false;
    while (p < n) {
      char c = s.charAt(p);
      if (c == '%') {
        if (p + 2 >= n || !isHex(s.charAt(p + 1)) || !isHex(s.charAt(p + 2))) {
          return false;
        }
        p += 3;
        continue;
      }
      if (c == '#') {
        if (fragment) {
          return false; // a second '#' is not allowed in a fragment
        }
        fragment = true;
      } else if (c != '?' && !isPathChar(c)) {
        return false; // '?' starts the query, and is allowed in query and fragment
      }
      p++;
    }
    return true;
  }

  private static boolean isAlpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isAlphanumeric(char c) {
    return isAlpha(c) || (c >= '0' && c <= '9');
  }

  private static boolean isSchemeChar(char c) {
    return isAlphanumeric(c) || c == '+' || c == '-' || c == '.';
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /** Unreserved ({@code - _ . ! ~ * ' ( )}), {@code : @ & = + $ ,} and {@code ; /}; escapes are handled apart. */
  private static boolean isPathChar(char c) {
    return isAlphanumeric(c) || "-_.!~*'():@&=+$,;/".indexOf(c) >= 0;
  }
}
