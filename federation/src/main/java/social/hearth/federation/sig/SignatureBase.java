package social.hearth.federation.sig;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Builds the RFC 9421 signature base (§2.5): one line {@code "<component>": <value>} per covered component, in
 * the order of the signature's component list, then the {@code "@signature-params"} line, lines joined by LF
 * with no trailing newline.
 *
 * <p>Supported derived components (request side, §2.2): {@code @method}, {@code @target-uri},
 * {@code @authority}, {@code @scheme}, {@code @request-target}, {@code @path}, {@code @query}. HTTP fields are
 * covered by their lowercase name without parameters; their value is every field line's value, trimmed of
 * surrounding spaces and tabs, joined by {@code ", "} (§2.1). Component parameters ({@code sf}, {@code key},
 * {@code bs}, {@code req}, {@code tr}, {@code name}), {@code @query-param} and {@code @status} are not
 * supported and rejected with UNSUPPORTED_COMPONENT.
 *
 * <p>Component values must be visible ASCII (plus space and tab): a value with control or non-ASCII
 * characters could be read two ways, so it is refused (MALFORMED_SIGNATURE) rather than guessed at.
 */
final class SignatureBase {

  static final Set<String> DERIVED = Set.of("@method", "@target-uri", "@authority", "@scheme", "@request-target",
      "@path", "@query");

  private SignatureBase() {}

  /**
   * The request target as RFC 9421 sees it, for one scheme. {@code query} is null when the request has no
   * {@code ?}; {@code path} is never empty.
   */
  record Target(String method, String scheme, String authority, String path, String query) {

    /** The target of a request we send to {@code uri}. */
    static Target of(String method, URI uri) {
      String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
      String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
      String authority = SignatureBase.authority(scheme, uri.getHost(), uri.getPort());
      return new Target(method.toUpperCase(Locale.ROOT), scheme, authority, path, uri.getRawQuery());
    }

    /**
     * The target of a received request, given the scheme it arrived with, its {@code Host} header and its
     * origin-form request target ({@code /path?query}).
     */
    static Target of(String method, String scheme, String host, String pathAndQuery) throws SignatureException {
      if (pathAndQuery == null || !pathAndQuery.startsWith("/")) {
        throw new SignatureException(SignatureException.Reason.MALFORMED_SIGNATURE,
            "the request target is not in origin form");
      }
      int q = pathAndQuery.indexOf('?');
      String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
      String query = q < 0 ? null : pathAndQuery.substring(q + 1);
      return new Target(method, scheme, normalizeHost(scheme, host), path, query);
    }

    String pathAndQuery() {
      return query == null ? path : path + "?" + query;
    }
  }

  /** {@code host[:port]} in lowercase, without the scheme's default port. */
  static String authority(String scheme, String host, int port) {
    String h = host.toLowerCase(Locale.ROOT);
    return port == -1 || port == defaultPort(scheme) ? h : h + ":" + port;
  }

  private static int defaultPort(String scheme) {
    return "https".equals(scheme) ? 443 : "http".equals(scheme) ? 80 : -1;
  }

  /** Normalizes a received Host header the way RFC 9421 §2.2.3 asks: lowercase, no default port. */
  static String normalizeHost(String scheme, String host) throws SignatureException {
    if (host == null || host.isBlank()) {
      throw new SignatureException(SignatureException.Reason.MISSING_HEADER, "the request has no Host header");
    }
    String h = host.trim().toLowerCase(Locale.ROOT);
    int colon = h.lastIndexOf(':');
    if (colon > h.lastIndexOf(']')) {
      String port = h.substring(colon + 1);
      if (port.equals(String.valueOf(defaultPort(scheme)))) {
        return h.substring(0, colon);
      }
    }
    return h;
  }

  /**
   * Fails with UNSUPPORTED_COMPONENT or MALFORMED_SIGNATURE unless {@code name} is a component this class can
   * derive. {@code hasParams} says whether the identifier carried parameters.
   */
  static void checkSupported(String name, boolean hasParams) throws SignatureException {
    if (name.startsWith("@")) {
      if (!DERIVED.contains(name)) {
        throw new SignatureException(SignatureException.Reason.UNSUPPORTED_COMPONENT,
            "the derived component " + name + " is not supported");
      }
    } else {
      if (name.isEmpty()) {
        throw new SignatureException(SignatureException.Reason.MALFORMED_SIGNATURE, "an empty component name");
      }
      for (int i = 0; i < name.length(); i++) {
        char c = name.charAt(i);
        if (!StructuredFields.isTchar(c) || (c >= 'A' && c <= 'Z')) {
          throw new SignatureException(SignatureException.Reason.MALFORMED_SIGNATURE,
              "covered field names must be lowercase tokens");
        }
      }
    }
    if (hasParams) {
      throw new SignatureException(SignatureException.Reason.UNSUPPORTED_COMPONENT,
          "component parameters (on " + name + ") are not supported");
    }
  }

  /** The signature base for {@code components}, ending with the given serialized {@code @signature-params}. */
  static String build(Target target, RequestView fields, List<String> components, String signatureParams)
      throws SignatureException {
    StringBuilder base = new StringBuilder(256);
    for (String name : components) {
      StructuredFields.appendString(base, name);
      base.append(": ");
      String value = value(name, target, fields);
      checkValue(name, value);
      base.append(value).append('\n');
    }
    base.append("\"@signature-params\": ").append(signatureParams);
    return base.toString();
  }

  private static String value(String name, Target t, RequestView fields) throws SignatureException {
    switch (name) {
      case "@method":
        return t.method();
      case "@target-uri":
        return t.scheme() + "://" + t.authority() + t.pathAndQuery();
      case "@authority":
        return t.authority();
      case "@scheme":
        return t.scheme();
      case "@request-target":
        return t.pathAndQuery();
      case "@path":
        return t.path();
      case "@query":
        return "?" + (t.query() == null ? "" : t.query());
      default:
        List<String> values = fields.headers(name);
        if (values.isEmpty()) {
          throw new SignatureException(SignatureException.Reason.MISSING_HEADER,
              "the covered header " + name + " is missing");
        }
        List<String> trimmed = new ArrayList<>(values.size());
        for (String v : values) {
          trimmed.add(trimOws(v));
        }
        return String.join(", ", trimmed);
    }
  }

  private static String trimOws(String v) {
    int start = 0;
    int end = v.length();
    while (start < end && (v.charAt(start) == ' ' || v.charAt(start) == '\t')) {
      start++;
    }
    while (end > start && (v.charAt(end - 1) == ' ' || v.charAt(end - 1) == '\t')) {
      end--;
    }
    return v.substring(start, end);
  }

  private static void checkValue(String name, String value) throws SignatureException {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t') || c > 0x7e) {
        throw new SignatureException(SignatureException.Reason.MALFORMED_SIGNATURE,
            "the covered component " + name + " holds characters outside visible ASCII");
      }
    }
  }
}
