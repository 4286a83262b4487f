package social.hearth.moderation;

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
    if (colon > 0 && d.indexOf(']') < 0 && d.substring(colon + 1).matches("[0-9]{1,5}")) {
      d = d.substring(0, colon);
    }
    while (d.endsWith(".")) {
      d = d.substring(0, d.length() - 1);
    }
    if (d.isEmpty() || d.length() > 253) {
      throw new IllegalArgumentException("'" + domain + "' is not a domain name");
    }
    try {
      d = IDN.toASCII(d, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + domain + "' is not a domain name");
    }
    if (!d.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*")) {
      throw new IllegalArgumentException("'" + domain + "' is not a domain name");
    }
    return d;
  }

  /** The normalised host of a URL or host string, or null when it has none. */
  public static String hostOf(String iriOrHost) {
    try {
      String h = iriOrHost.contains("://") ? java.net.URI.create(iriOrHost).getHost() : iriOrHost;
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
