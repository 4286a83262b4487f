package social.hearth.core.text;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Links taken from remote data. */
public final class Links {

  private Links() {}

  /** The URL if it is an absolute http(s) URL, else null: remote links never become javascript: or data: hrefs. */
  public static String httpUrl(String url) {
    if (url == null || url.length() > 2000) {
      return null;
    }
    try {
      URI u = new URI(url);
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("https") || scheme.equals("http")) && u.getHost() != null ? u.toASCIIString() : null;
    } catch (Exception e) {
      return null;
    }
  }

  /** Whether two IRIs share scheme, host and port (lower-cased, default ports dropped), as java.net.URI reads them. */
  public static boolean sameOrigin(String a, String b) {
    String oa = origin(a);
    return oa != null && oa.equals(origin(b));
  }

  public static String origin(String iri) {
    try {
      URI uri = new URI(iri);
      String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
      int port = uri.getPort();
      boolean dflt = port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
      return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (dflt ? "" : ":" + port);
    } catch (URISyntaxException | NullPointerException e) {
      return null;
    }
  }
}
