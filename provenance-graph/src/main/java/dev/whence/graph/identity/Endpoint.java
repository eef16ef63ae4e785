package dev.whence.graph.identity;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A socket endpoint with its address in canonical text (IPv4 dotted quad, IPv4-mapped IPv6 folded
 * to IPv4, IPv6 in full lower-case form) and the scope of that address. Never performs a name
 * lookup: only IP literals are parsed, anything else is kept as an opaque host-scoped string.
 *
 * @param port the port, or null when unknown
 */
public record Endpoint(String address, Integer port, AddressScope scope)
    implements Comparable<Endpoint> {

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6_CHARS = Pattern.compile("[0-9a-f:.]{2,45}");
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

  private static InetAddress literal(String text) {
    boolean v4 = IPV4.matcher(text).matches();
    boolean v6 = !v4 && text.indexOf(':') >= 0 && IPV6_CHARS.matcher(text).matches();
    if (!v4 && !v6) {
      return null;
    }
    if (v4) {
      for (String octet : text.split("\\.")) {
        if (Integer.parseInt(octet) > 255) {
          return null;
        }
      }
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
