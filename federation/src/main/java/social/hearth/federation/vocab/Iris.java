package social.hearth.federation.vocab;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Links and origins: reading link-valued properties (a string, an object with id or href, or an array of those),
 * checking that an IRI is one we may store and dereference, and comparing origins (FEP-fe34).
 */
public final class Iris {

  static final int MAX_LINKS = 1_000;

  private Iris() {}

  /** The first IRI of a link-valued property, or null. */
  public static String iri(JsonNode node) {
    List<String> all = iris(node);
    return all.isEmpty() ? null : all.get(0);
  }

  /** Every IRI of a link-valued property (string, object with id/href, or an array of those). */
  public static List<String> iris(JsonNode node) {
    List<String> out = new ArrayList<>();
    collect(node, out, 0);
    return out;
  }

  private static void collect(JsonNode node, List<String> out, int depth) {
    if (node == null || node.isNull() || node.isMissingNode() || out.size() >= MAX_LINKS || depth > 2) {
      return;
    }
    if (node.isTextual()) {
      String v = node.asText();
      if (!v.isEmpty()) {
        out.add(As.isPublic(v) ? As.PUBLIC : v);
      }
    } else if (node.isObject()) {
      JsonNode id = node.hasNonNull("id") ? node.get("id") : node.get("href");
      if (id != null && id.isTextual()) {
        collect(id, out, depth + 1);
      }
    } else if (node.isArray()) {
      for (JsonNode item : node) {
        collect(item, out, depth + 1);
      }
    }
  }

  /**
   * An IRI we may store and later dereference: absolute http(s) with a host, and not absurdly long. The common shape
   * is read by {@link IriScanner}; anything else by {@link URI}, with the same verdict.
   */
  public static void checkHttpIri(String value, String field) throws InvalidActivityException {
    if (value.length() > 2048) {
      throw new InvalidActivityException(field + " is longer than 2048 characters");
    }
    IriScanner.Parts parts = IriScanner.scan(value);
    if (parts != null) {
      if (!isHttpScheme(parts.scheme())) {
        throw new InvalidActivityException(field + " must be an absolute http(s) IRI");
      }
      return;
    }
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null || uri.getRawUserInfo() != null) {
        throw new InvalidActivityException(field + " must be an absolute http(s) IRI");
      }
    } catch (URISyntaxException e) {
      throw new InvalidActivityException(field + " is not a valid IRI");
    }
  }

  /** {@link #checkHttpIri} as a predicate. */
  public static boolean isHttpIri(String value) {
    if (value == null) {
      return false;
    }
    try {
      checkHttpIri(value, "iri");
      return true;
    } catch (InvalidActivityException e) {
      return false;
    }
  }

  private static boolean isHttpScheme(String scheme) {
    return scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http");
  }

  /** The origin (scheme://host[:port]) of an IRI, lower-cased, with default ports removed. */
  public static String origin(String iri) {
    IriScanner.Parts parts = IriScanner.scan(iri);
    if (parts != null) {
      return origin(parts.scheme(), parts.host(), parts.port());
    }
    try {
      URI uri = new URI(iri);
      return origin(uri.getScheme(), uri.getHost(), uri.getPort());
    } catch (URISyntaxException | NullPointerException e) {
      return null;
    }
  }

  private static String origin(String rawScheme, String host, int port) {
    String scheme = rawScheme.toLowerCase(Locale.ROOT);
    boolean dflt = port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
    return scheme + "://" + host.toLowerCase(Locale.ROOT) + (dflt ? "" : ":" + port);
  }

  public static boolean sameOrigin(String a, String b) {
    String oa = origin(a);
    return oa != null && oa.equals(origin(b));
  }
}
