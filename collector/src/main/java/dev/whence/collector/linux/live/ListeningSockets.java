package dev.whence.collector.linux.live;

import dev.whence.collector.linux.normalize.Sockaddr;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The TCP sockets listening on this host when the collector starts, with the processes and
 * descriptors that hold them: read from {@code /proc/net/tcp} and {@code /proc/net/tcp6} (state
 * {@code 0A}, LISTEN) and matched by inode with the {@code socket:[INODE]} links in {@code
 * /proc/PID/fd}. A service that bound before the collector started made no audited bind, so without
 * these the graph cannot tell which endpoint its later accepts belong to.
 *
 * <p>Everything read is treated as untrusted text: malformed lines are skipped, and a process that
 * exits during the scan is skipped.
 */
public final class ListeningSockets {

  /**
   * One listening socket.
   *
   * @param family {@code inet} or {@code inet6}
   * @param address the bound address, textual ({@code 0.0.0.0}, {@code ::} for any)
   * @param port the bound port
   * @param uid the owner uid the kernel reports
   * @param inode the socket's inode
   * @param holders the processes and descriptors that refer to it (several after a fork)
   */
  public record Listening(
      String family, String address, int port, long uid, long inode, List<Holder> holders) {

    public Listening {
      holders = List.copyOf(holders);
    }
  }

  /**
   * A descriptor of a listening socket.
   *
   * @param pid the process (thread-group) id
   * @param fd the descriptor number
   */
  public record Holder(int pid, int fd) {}

  private static final int LISTEN = 0x0A;

  private final Path proc;

  /**
   * @param proc the proc file system's root ({@code /proc} on the host)
   */
  public ListeningSockets(Path proc) {
    this.proc = proc;
  }

  /** The scanner of this host. */
  public static ListeningSockets ofHost() {
    return new ListeningSockets(Path.of("/proc"));
  }

  /** Scans now; sockets are in the order of the kernel's tables, IPv4 first. */
  public List<Listening> scan() {
    List<Listening> found = new ArrayList<>();
    found.addAll(table(proc.resolve("net/tcp"), "inet"));
    found.addAll(table(proc.resolve("net/tcp6"), "inet6"));
    if (found.isEmpty()) {
      return found;
    }
    Map<Long, List<Holder>> holders = holders(found);
    List<Listening> out = new ArrayList<>(found.size());
    for (Listening l : found) {
      out.add(
          new Listening(
              l.family(),
              l.address(),
              l.port(),
              l.uid(),
              l.inode(),
              holders.getOrDefault(l.inode(), List.of())));
    }
    return out;
  }

  /** The LISTEN entries of one table (visible for tests through {@link #scan()}). */
  static List<Listening> table(Path file, String family) {
    List<Listening> out = new ArrayList<>();
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      return out;
    }
    for (int i = 1; i < lines.size(); i++) {
      Listening l = parse(lines.get(i).strip(), family);
      if (l != null) {
        out.add(l);
      }
    }
    return out;
  }

  private static Listening parse(String line, String family) {
    String[] f = line.split("\\s+");
    if (f.length < 10) {
      return null;
    }
    try {
      if (Integer.parseInt(f[3], 16) != LISTEN) {
        return null;
      }
      int colon = f[1].indexOf(':');
      if (colon < 0) {
        return null;
      }
      String address = address(f[1].substring(0, colon), family);
      int port = Integer.parseInt(f[1].substring(colon + 1), 16);
      long uid = Long.parseLong(f[7]);
      long inode = Long.parseLong(f[9]);
      if (address == null || port < 0 || port > 65535 || inode <= 0) {
        return null;
      }
      return new Listening(family, address, port, uid, inode, List.of());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * The kernel prints each 32-bit word of the address as a host-order number: on a little-endian
   * machine the bytes of every word are reversed. The text is the normalizer's: dotted IPv4;
   * lower-case IPv6 with the longest run of two or more zero words as {@code ::}, and {@code
   * ::ffff:a.b.c.d} for a mapped IPv4 address.
   */
  private static String address(String hex, String family) {
    int expected = family.equals("inet") ? 8 : 32;
    if (hex.length() != expected) {
      return null;
    }
    byte[] b = new byte[expected / 2];
    boolean little = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
    for (int word = 0; word < expected / 8; word++) {
      long v = Long.parseLong(hex.substring(word * 8, word * 8 + 8), 16);
      for (int i = 0; i < 4; i++) {
        b[word * 4 + i] = (byte) (v >>> (little ? 8 * i : 8 * (3 - i)));
      }
    }
    return b.length == 4 ? Sockaddr.ipv4(b, 0) : Sockaddr.ipv6(b, 0);
  }

  private Map<Long, List<Holder>> holders(List<Listening> wanted) {
    Map<Long, List<Holder>> out = new HashMap<>();
    for (Listening l : wanted) {
      out.put(l.inode(), new ArrayList<>());
    }
    try (DirectoryStream<Path> pids = Files.newDirectoryStream(proc, "[0-9]*")) {
      for (Path pidDir : pids) {
        int pid;
        try {
          pid = Integer.parseInt(pidDir.getFileName().toString());
        } catch (NumberFormatException e) {
          continue;
        }
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(pidDir.resolve("fd"))) {
          for (Path fd : fds) {
            long inode = socketInode(fd);
            List<Holder> list = inode > 0 ? out.get(inode) : null;
            if (list != null) {
              list.add(new Holder(pid, Integer.parseInt(fd.getFileName().toString())));
            }
          }
        } catch (IOException | NumberFormatException | SecurityException e) {
          // the process exited or its descriptors are not readable: nothing to seed from it
        }
      }
    } catch (IOException e) {
      return out;
    }
    return out;
  }

  private static long socketInode(Path fd) {
    try {
      String target = Files.readSymbolicLink(fd).toString();
      if (target.startsWith("socket:[") && target.endsWith("]")) {
        return Long.parseLong(target.substring(8, target.length() - 1));
      }
    } catch (IOException | UnsupportedOperationException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }
}
