package dev.whence.graph.identity;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * A socket endpoint with its address in canonical text (IPv4 dotted quad, IPv4-mapped IPv6 folded
 * to IPv4, IPv6 in full lower-case form) and the scope of that address. Never performs a name
 * lookup: only IP literals are parsed, anything else is kept as an opaque host-scoped string.
 *
 * @param port the port, or null when unknown
 */
public record Endpoint(String address, Integer port, AddressScope scope)
    implements Comparable<Endpoint> {

  private static final int MAX_OPAQUE = 256;

  /** Parses an untrusted address; returns null when the address is null or blank. */
  public static Endpoint parse(String rawAddress, Integer port) {
    if (rawAddress == null || rawAddress.isBlank()) {
      return null;
    }
    String text = rawAddress.strip().toLowerCase(Locale.ROOT);
    if (text.startsWith("[") && text.endsWith("]")) {
      text = text.substring(1, text.length() - 1);
    }
    int zone = text.indexOf('%');
    if (zone >= 0) {
      text = text.substring(0, zone);
    }
    Integer validPort = port != null && port >= 0 && port <= 65535 ? port : null;
    InetAddress ip = literal(text);
    if (ip == null) {
      String opaque = text.length() > MAX_OPAQUE ? text.substring(0, MAX_OPAQUE) : text;
      return new Endpoint(opaque, validPort, AddressScope.HOST);
    }
    return new Endpoint(ip.getHostAddress(), validPort, scopeOf(ip));
  }

  /** {@code address:port}, IPv6 in brackets, {@code ?} for an unknown port. */
  public String text() {
    String host = address.indexOf(':') >= 0 ? "[" + address + "]" : address;
    return host + ":" + (port == null ? "?" : port.toString());
  }

  @Override
  public int compareTo(Endpoint other) {
    return text().compareTo(other.text());
  }

  /** Four dot-separated groups of one to three ASCII digits, each at most 255. */
  private static boolean isDottedQuad(String text) {
    int dots = 0;
    int digits = 0;
    int value = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        value = value * 10 + (c - '0');
        if (++digits > 3 || value > 255) {
          return false;
        }
      } else if (c == '.' && digits > 0 && dots < 3) {
        dots++;
        digits = 0;
        value = 0;
      } else {
        return false;
      }
    }
    return dots == 3 && digits > 0;
  }

  /** Two to 45 characters, each a lower-case hexadecimal digit, colon or dot. */
  private static boolean hasIpv6CharsOnly(String text) {
    if (text.length() < 2 || text.length() > 45) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || c == ':' || c == '.')) {
        return false;
      }
    }
    return true;
  }

  private static InetAddress literal(String text) {
    boolean v4 = isDottedQuad(text);
    boolean v6 = !v4 && text.indexOf(':') >= 0 && hasIpv6CharsOnly(text);
    if (!v4 && !v6) {
      return null;
    }
    try {
      InetAddress ip = InetAddress.getByName(text);
      return ip instanceof Inet4Address || ip instanceof Inet6Address ? ip : null;
    } catch (UnknownHostException e) {
      return null;
    }
  }

  static AddressScope scopeOf(InetAddress ip) {
    if (ip.isLoopbackAddress() || ip.isAnyLocalAddress() || ip.isLinkLocalAddress()) {
      return AddressScope.HOST;
    }
    byte[] b = ip.getAddress();
    boolean cgnat = b.length == 4 && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
    boolean uniqueLocal = b.length == 16 && (b[0] & 0xfe) == 0xfc;
    if (ip.isSiteLocalAddress() || cgnat || uniqueLocal || ip.isMulticastAddress()) {
      return AddressScope.SITE;
    }
    return AddressScope.GLOBAL;
  }
}
