package social.hearth.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import social.hearth.config.ConfigException;

/**
 * The real client address of a request. {@code X-Forwarded-For} is believed only when the connection comes from a
 * configured trusted proxy ({@code HEARTH_TRUSTED_PROXIES}: addresses or CIDR ranges, comma-separated); then the
 * header is read from the right, skipping further trusted proxies, and the first other address is the client.
 * Anything malformed stops the walk at the last address we could trust.
 */
public final class ClientAddress {

  /** An address range: a network address and a prefix length. */
  record Range(byte[] network, int prefix) {
    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      int full = prefix / 8;
      for (int i = 0; i < full; i++) {
        if (address[i] != network[i]) {
          return false;
        }
      }
      int rest = prefix % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xff << (8 - rest)) & 0xff;
      return (address[full] & mask) == (network[full] & mask);
    }
  }

  private final List<Range> trusted;

  private ClientAddress(List<Range> trusted) {
    this.trusted = List.copyOf(trusted);
  }

  public static ClientAddress none() {
    return new ClientAddress(List.of());
  }

  /** Parses {@code HEARTH_TRUSTED_PROXIES}; a wrong entry stops startup with a line naming it. */
  public static ClientAddress parse(String setting) {
    List<Range> out = new ArrayList<>();
    if (setting == null || setting.isBlank()) {
      return new ClientAddress(out);
    }
    for (String raw : setting.split(",")) {
      String entry = raw.strip();
      if (entry.isEmpty()) {
        continue;
      }
      String addr = entry;
      Integer prefix = null;
      int slash = entry.indexOf('/');
      if (slash >= 0) {
        addr = entry.substring(0, slash);
        try {
          prefix = Integer.parseInt(entry.substring(slash + 1));
        } catch (NumberFormatException e) {
          throw bad(entry);
        }
      }
      byte[] bytes = literal(addr);
      if (bytes == null) {
        throw bad(entry);
      }
      int max = bytes.length * 8;
      int p = prefix == null ? max : prefix;
      if (p < 0 || p > max) {
        throw bad(entry);
      }
      out.add(new Range(bytes, p));
    }
    return new ClientAddress(out);
  }

  private static ConfigException bad(String entry) {
    return new ConfigException("HEARTH_TRUSTED_PROXIES must be IP addresses or CIDR ranges separated by commas "
        + "(for example 127.0.0.1,10.0.0.0/8), not '" + entry + "'");
  }

  /** The bytes of an IPv4 or IPv6 literal (never a name lookup), or null. IPv4-mapped IPv6 becomes IPv4. */
  static byte[] literal(String text) {
    if (text == null) {
      return null;
    }
    String s = text.strip();
    if (s.startsWith("[") && s.endsWith("]")) {
      s = s.substring(1, s.length() - 1);
    }
    if (s.isEmpty() || s.length() > 45) {
      return null;
    }
    boolean v4 = s.matches("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    boolean v6 = !v4 && s.indexOf(':') >= 0 && s.toLowerCase(Locale.ROOT).matches("[0-9a-f:.]+");
    if (!v4 && !v6) {
      return null;
    }
    try {
      return InetAddress.getByName(s).getAddress();
    } catch (UnknownHostException e) {
      return null;
    }
  }

  boolean isTrusted(String address) {
    byte[] bytes = literal(address);
    if (bytes == null) {
      return false;
    }
    for (Range r : trusted) {
      if (r.contains(bytes)) {
        return true;
      }
    }
    return false;
  }

  /** The client address given the connection's peer address and the X-Forwarded-For header (may be null). */
  public String resolve(String peer, String forwardedFor) {
    String client = normalize(peer);
    if (forwardedFor == null || trusted.isEmpty() || !isTrusted(client)) {
      return client;
    }
    String[] hops = forwardedFor.split(",");
    for (int i = hops.length - 1; i >= 0; i--) {
      String hop = hops[i].strip();
      if (literal(hop) == null) {
        return client;
      }
      client = normalize(hop);
      if (!isTrusted(client)) {
        return client;
      }
    }
    return client;
  }

  private static String normalize(String address) {
    byte[] bytes = literal(address);
    if (bytes == null) {
      return address == null ? "unknown" : address;
    }
    try {
      return InetAddress.getByAddress(bytes).getHostAddress();
    } catch (UnknownHostException e) {
      return address;
    }
  }
}
