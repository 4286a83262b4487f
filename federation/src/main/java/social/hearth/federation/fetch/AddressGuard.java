package social.hearth.federation.fetch;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Decides whether an address may be dialed. Checked on the address actually connected to (after DNS), so
 * a name that resolves to a private address, or re-resolves to one later (DNS rebinding), is refused.
 */
public final class AddressGuard {

  private final boolean allowPrivate;
  private final java.util.function.Predicate<InetAddress> rule;

  public AddressGuard(boolean allowPrivate) {
    this(allowPrivate, allowPrivate ? a -> true : AddressGuard::isPublicUnicast);
  }

  private AddressGuard(boolean allowPrivate, java.util.function.Predicate<InetAddress> rule) {
    this.allowPrivate = allowPrivate;
    this.rule = rule;
  }

  /** A guard with a custom rule, for tests that need one loopback address allowed and another refused. */
  public static AddressGuard permitting(java.util.function.Predicate<InetAddress> rule) {
    return new AddressGuard(false, rule);
  }

  public boolean allowPrivate() {
    return allowPrivate;
  }

  /** True when connecting to this address is allowed. */
  public boolean permits(InetAddress address) {
    return rule.test(address);
  }

  /** True for globally routable unicast addresses only. */
  public static boolean isPublicUnicast(InetAddress address) {
    if (address instanceof Inet4Address v4) {
      return isPublicV4(v4.getAddress());
    }
    if (address instanceof Inet6Address v6) {
      return isPublicV6(v6.getAddress());
    }
    return false;
  }

  private static boolean isPublicV4(byte[] a) {
    int b0 = a[0] & 0xff;
    int b1 = a[1] & 0xff;
    int b2 = a[2] & 0xff;
    if (b0 == 0 || b0 == 10 || b0 == 127) {
      return false; // this network, private, loopback
    }
    if (b0 == 100 && b1 >= 64 && b1 <= 127) {
      return false; // CGNAT 100.64/10
    }
    if (b0 == 169 && b1 == 254) {
      return false; // link-local (cloud metadata lives here)
    }
    if (b0 == 172 && b1 >= 16 && b1 <= 31) {
      return false;
    }
    if (b0 == 192 && b1 == 168) {
      return false;
    }
    if (b0 == 192 && b1 == 0 && (b2 == 0 || b2 == 2)) {
      return false; // IETF protocol assignments, TEST-NET-1
    }
    if (b0 == 192 && b1 == 88 && b2 == 99) {
      return false; // 6to4 relay anycast
    }
    if (b0 == 198 && (b1 == 18 || b1 == 19)) {
      return false; // benchmarking 198.18/15
    }
    if (b0 == 198 && b1 == 51 && b2 == 100) {
      return false; // TEST-NET-2
    }
    if (b0 == 203 && b1 == 0 && b2 == 113) {
      return false; // TEST-NET-3
    }
    return b0 < 224; // multicast 224/4, reserved 240/4 and broadcast
  }

  private static boolean isPublicV6(byte[] a) {
    boolean firstTenZero = true;
    for (int i = 0; i < 10; i++) {
      if (a[i] != 0) {
        firstTenZero = false;
        break;
      }
    }
    if (firstTenZero) {
      int b10 = a[10] & 0xff;
      int b11 = a[11] & 0xff;
      if ((b10 == 0xff && b11 == 0xff) || (b10 == 0 && b11 == 0)) {
        // IPv4-mapped ::ffff:a.b.c.d, IPv4-compatible ::a.b.c.d, :: and ::1
        return isPublicV4(new byte[] {a[12], a[13], a[14], a[15]});
      }
    }
    int b0 = a[0] & 0xff;
    int b1 = a[1] & 0xff;
    if ((b0 & 0xfe) == 0xfc) {
      return false; // unique local fc00::/7
    }
    if (b0 == 0xfe && (b1 & 0xc0) == 0x80) {
      return false; // link-local fe80::/10
    }
    if (b0 == 0xfe && (b1 & 0xc0) == 0xc0) {
      return false; // site-local fec0::/10 (deprecated)
    }
    if (b0 == 0xff) {
      return false; // multicast
    }
    if (b0 == 0x20 && b1 == 0x01 && (a[2] & 0xff) == 0x0d && (a[3] & 0xff) == 0xb8) {
      return false; // documentation 2001:db8::/32
    }
    if (b0 == 0x20 && b1 == 0x01 && a[2] == 0 && a[3] == 0) {
      return false; // Teredo 2001::/32 tunnels to arbitrary IPv4
    }
    if (b0 == 0x20 && b1 == 0x02) {
      return isPublicV4(new byte[] {a[2], a[3], a[4], a[5]}); // 6to4 embeds an IPv4 address
    }
    if (b0 == 0x00 && b1 == 0x64 && (a[2] & 0xff) == 0xff && (a[3] & 0xff) == 0x9b) {
      return isPublicV4(new byte[] {a[12], a[13], a[14], a[15]}); // NAT64 64:ff9b::/96
    }
    return (b0 & 0xe0) == 0x20; // global unicast is 2000::/3
  }
}
