package social.hearth.web;

import java.net.IDN;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a visitor types into "join from your server": their server's domain name, or their handle
 * ({@code @name@server} or {@code name@server}). Only a plain DNS name becomes part of a redirect: no scheme, port,
 * path, query, credentials, IP literal or single-label name, so the form can never send anyone to an address that
 * is not a fediverse server's public name.
 */
public final class ServerNames {

  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
  private static final Pattern TLD = Pattern.compile("[a-z]{2,63}|xn--[a-z0-9-]{1,59}");
  private static final Pattern USER = Pattern.compile("[A-Za-z0-9_.+-]{1,64}");

  private ServerNames() {}

  /** The server's domain name in ASCII (punycode) and lower case, or empty when the input is not acceptable. */
  public static Optional<String> domain(String typed) {
    if (typed == null) {
      return Optional.empty();
    }
    String s = typed.strip();
    if (s.isEmpty() || s.length() > 300) {
      return Optional.empty();
    }
    if (s.startsWith("@")) {
      s = s.substring(1);
    }
    int at = s.indexOf('@');
    if (at >= 0) {
      if (!USER.matcher(s.substring(0, at)).matches()) {
        return Optional.empty();
      }
      s = s.substring(at + 1);
    }
    if (s.endsWith(".")) {
      s = s.substring(0, s.length() - 1);
    }
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch <= ' ' || "/\\:?#@%[]".indexOf(ch) >= 0 || Character.isISOControl(ch)) {
        return Optional.empty();
      }
    }
    String ascii;
    try {
      ascii = IDN.toASCII(s, 0).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (ascii.length() > 253) {
      return Optional.empty();
    }
    String[] labels = ascii.split("\\.", -1);
    if (labels.length < 2) {
      return Optional.empty();
    }
    for (String label : labels) {
      if (!LABEL.matcher(label).matches()) {
        return Optional.empty();
      }
    }
    if (!TLD.matcher(labels[labels.length - 1]).matches()) {
      return Optional.empty();
    }
    return Optional.of(ascii);
  }

  /** Mastodon's remote-interaction page on the visitor's server: where the join form goes when nothing better is known. */
  public static String followPage(String domain, String groupIri) {
    return "https://" + domain + "/authorize_interaction?uri=" + Pages.encode(groupIri);
  }
}
