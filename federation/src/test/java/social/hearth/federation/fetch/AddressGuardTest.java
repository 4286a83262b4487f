package social.hearth.federation.fetch;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SSRF guard refuses every non-public range, including IPv6 forms that embed private IPv4 addresses. */
class AddressGuardTest {

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "10.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.1.1",
      "169.254.169.254", "100.64.0.1", "0.0.0.0", "198.18.0.1", "192.0.2.1", "224.0.0.1", "255.255.255.255",
      "::1", "::", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::127.0.0.1", "fc00::1", "fd12:3456::1", "fe80::1",
      "ff02::1", "2001:db8::1", "64:ff9b::a00:1", "2002:7f00:1::"})
  void privateAndReservedAddressesAreRefused(String address) throws Exception {
    assertFalse(new AddressGuard(false).permits(InetAddress.getByName(address)), address);
  }

  @ParameterizedTest
  @ValueSource(strings = {"93.184.216.34", "1.1.1.1", "8.8.8.8", "2606:4700::1111", "2a00:1450:4001::1"})
  void publicAddressesAreAllowed(String address) throws Exception {
    assertTrue(new AddressGuard(false).permits(InetAddress.getByName(address)), address);
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "10.0.0.1"})
  void theTestSwitchAllowsPrivateAddresses(String address) throws Exception {
    assertTrue(new AddressGuard(true).permits(InetAddress.getByName(address)));
  }
}
