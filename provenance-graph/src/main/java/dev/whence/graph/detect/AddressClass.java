package dev.whence.graph.detect;

import dev.whence.graph.identity.AddressScope;
import dev.whence.graph.identity.Endpoint;
import java.util.regex.Pattern;

/** Class of an internet address as rules name it. */
public enum AddressClass {
  /** Loopback, link-local, wildcard: meaningful on one host only. */
  LOOPBACK,
  /** RFC 1918, carrier-grade NAT, IPv6 unique-local, multicast. */
  PRIVATE,
  /** Globally routable. */
  PUBLIC;

  private static final Pattern IP_LITERAL =
      Pattern.compile("\\[?([0-9]{1,3}(\\.[0-9]{1,3}){3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.%a-z]*)\\]?");

  /**
   * The class of an address of an inet socket, or null when it is not an IP literal (unix socket
   * paths, netlink ids, missing).
   */
  public static AddressClass of(String family, String address) {
    if (address == null || address.isBlank()) {
      return null;
    }
    if (family != null && !family.startsWith("inet")) {
      return null;
    }
    if (address.startsWith("/") || address.startsWith("@")) {
      return null;
    }
    Endpoint endpoint = Endpoint.parse(address, null);
    if (endpoint == null) {
      return null;
    }
    if (endpoint.scope() == AddressScope.HOST && !looksLikeIp(address)) {
      return null;
    }
    return switch (endpoint.scope()) {
      case HOST -> LOOPBACK;
      case SITE -> PRIVATE;
      case GLOBAL -> PUBLIC;
    };
  }

  private static boolean looksLikeIp(String address) {
    return IP_LITERAL.matcher(address.strip()).matches();
  }
}
