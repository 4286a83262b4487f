package social.hearth.core.text;

import java.net.URI;
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
}
