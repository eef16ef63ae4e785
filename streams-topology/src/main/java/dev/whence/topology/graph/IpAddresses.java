package dev.whence.topology.graph;

import dev.whence.graph.identity.AddressScope;
import dev.whence.graph.identity.Endpoint;
import java.util.regex.Pattern;

/** Canonical IP address text for matching connection ends; never performs a name lookup. */
final class IpAddresses {

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6_FULL = Pattern.compile("[0-9a-f]{1,4}(:[0-9a-f]{1,4}){7}");

  private IpAddresses() {}

  /** The canonical text of an IP literal, or null when {@code raw} is not one. */
  static String canonical(String raw) {
    Endpoint e = Endpoint.parse(raw, null);
    if (e == null) {
      return null;
    }
    String a = e.address();
    return IPV4.matcher(a).matches() || IPV6_FULL.matcher(a).matches() ? a : null;
  }

  /** Whether a canonical address is a wildcard (bound to every address). */
  static boolean isWildcard(String canonical) {
    return canonical == null || canonical.equals("0.0.0.0") || canonical.equals("0:0:0:0:0:0:0:0");
  }

  /** Whether a canonical address can only be reached from its own host (loopback, link-local). */
  static boolean isHostLocal(String canonical) {
    Endpoint e = Endpoint.parse(canonical, null);
    return e != null && e.scope() == AddressScope.HOST && !isWildcard(canonical);
  }
}
