package dev.whence.collector.linux.normalize;

import dev.whence.collector.linux.Text;

/**
 * A decoded {@code struct sockaddr} from a SOCKADDR record.
 *
 * @param family inet, inet6, unix, netlink, or the number when unknown
 * @param address dotted or RFC 5952 address, unix path ('@' first for abstract names), netlink port
 *     id; null when none
 * @param port port for inet and inet6, else null
 */
public record Sockaddr(String family, String address, Integer port) {

  private static final int AF_UNIX = 1;
  private static final int AF_INET = 2;
  private static final int AF_INET6 = 10;
  private static final int AF_NETLINK = 16;

  /** Decodes the raw bytes (host byte order for the family, as on x86_64 and aarch64). */
  public static Sockaddr decode(byte[] b) {
    if (b.length < 2) {
      return new Sockaddr("unknown", null, null);
    }
    int family = (b[0] & 0xff) | (b[1] & 0xff) << 8;
    switch (family) {
      case AF_INET:
        if (b.length < 8) {
          return new Sockaddr("inet", null, null);
        }
        return new Sockaddr(
            "inet",
            (b[4] & 0xff) + "." + (b[5] & 0xff) + "." + (b[6] & 0xff) + "." + (b[7] & 0xff),
            port(b));
      case AF_INET6:
        if (b.length < 24) {
          return new Sockaddr("inet6", null, b.length >= 4 ? port(b) : null);
        }
        return new Sockaddr("inet6", ipv6(b, 8), port(b));
      case AF_UNIX:
        return new Sockaddr("unix", unixPath(b), null);
      case AF_NETLINK:
        if (b.length < 8) {
          return new Sockaddr("netlink", null, null);
        }
        long pid =
            (b[4] & 0xffL) | (b[5] & 0xffL) << 8 | (b[6] & 0xffL) << 16 | (b[7] & 0xffL) << 24;
        return new Sockaddr("netlink", Long.toString(pid), null);
      default:
        return new Sockaddr(Integer.toString(family), null, null);
    }
  }

  private static int port(byte[] b) {
    return (b[2] & 0xff) << 8 | (b[3] & 0xff);
  }

  private static String unixPath(byte[] b) {
    if (b.length <= 2) {
      return null;
    }
    if (b[2] == 0) {
      int end = b.length;
      while (end > 3 && b[end - 1] == 0) {
        end--;
      }
      byte[] name = java.util.Arrays.copyOfRange(b, 3, end);
      return "@" + Text.decode(name, 0, name.length).replace('\0', '@');
    }
    int end = 2;
    while (end < b.length && b[end] != 0) {
      end++;
    }
    return Text.decode(b, 2, end - 2);
  }

  /** Dotted text of the 4 bytes at {@code off}. */
  public static String ipv4(byte[] b, int off) {
    return (b[off] & 0xff)
        + "."
        + (b[off + 1] & 0xff)
        + "."
        + (b[off + 2] & 0xff)
        + "."
        + (b[off + 3] & 0xff);
  }

  /** RFC 5952 text of the 16 bytes at {@code off} (IPv4-mapped addresses as ::ffff:a.b.c.d). */
  public static String ipv6(byte[] b, int off) {
    int[] words = new int[8];
    for (int i = 0; i < 8; i++) {
      words[i] = (b[off + 2 * i] & 0xff) << 8 | (b[off + 2 * i + 1] & 0xff);
    }
    if (words[0] == 0
        && words[1] == 0
        && words[2] == 0
        && words[3] == 0
        && words[4] == 0
        && words[5] == 0xffff) {
      return "::ffff:" + ipv4(b, off + 12);
    }
    int bestStart = -1;
    int bestLen = 1;
    for (int i = 0; i < 8; ) {
      if (words[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && words[j] == 0) {
        j++;
      }
      if (j - i > bestLen) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j;
    }
    StringBuilder sb = new StringBuilder(39);
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLen - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(words[i]));
    }
    return sb.toString();
  }
}
