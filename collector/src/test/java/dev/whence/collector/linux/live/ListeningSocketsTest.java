package dev.whence.collector.linux.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whence.collector.linux.live.ListeningSockets.Holder;
import dev.whence.collector.linux.live.ListeningSockets.Listening;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListeningSocketsTest {

  @TempDir Path proc;

  private static final String HEADER =
      "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout"
          + " inode\n";

  @Test
  void findsListeningSocketsAndTheDescriptorsThatHoldThem() throws Exception {
    Assumptions.assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN);
    Files.createDirectories(proc.resolve("net"));
    Files.writeString(
        proc.resolve("net/tcp"),
        HEADER
            + "   0: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0"
            + "        0 1120 1 000000006561ebb0 100 0 0 10 0\n"
            + "   1: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000"
            + "        0 2230 1 000000006561ebb0 100 0 0 10 0\n"
            + "   2: 0100007F:9CCD 0100007F:C438 01 00000000:00000000 00:00000000 00000000     0"
            + "        0 3340 1 000000006561ebb0 100 0 0 10 0\n"
            + "   3: garbage line\n"
            + "   4: 0100007F:FFFFF 00000000:0000 0A 0 0 0 0 0 4450\n");
    Files.writeString(
        proc.resolve("net/tcp6"),
        HEADER
            + "   0: 00000000000000000000000000000000:0050 00000000000000000000000000000000:0000"
            + " 0A 00000000:00000000 00:00000000 00000000    33        0 5560 1 0 100 0 0 10 0\n"
            + "   1: 0000000000000000FFFF00000100007F:0051 00000000000000000000000000000000:0000"
            + " 0A 00000000:00000000 00:00000000 00000000     0        0 5570 1 0 100 0 0 10 0\n");
    fd(100, 3, "socket:[1120]");
    fd(100, 4, "/dev/null");
    fd(200, 7, "socket:[1120]");
    fd(300, 5, "socket:[5560]");
    fd(300, 6, "socket:[3340]");

    List<Listening> found = new ListeningSockets(proc).scan();

    assertThat(found)
        .extracting(Listening::family, Listening::address, Listening::port, Listening::inode)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("inet", "0.0.0.0", 22, 1120L),
            org.assertj.core.groups.Tuple.tuple("inet", "127.0.0.1", 8080, 2230L),
            org.assertj.core.groups.Tuple.tuple("inet6", "::", 80, 5560L),
            org.assertj.core.groups.Tuple.tuple("inet6", "::ffff:127.0.0.1", 81, 5570L));
    assertThat(found.get(0).holders())
        .containsExactlyInAnyOrder(new Holder(100, 3), new Holder(200, 7));
    assertThat(found.get(1).holders()).isEmpty();
    assertThat(found.get(1).uid()).isEqualTo(1000);
    assertThat(found.get(2).holders()).containsExactly(new Holder(300, 5));
  }

  @Test
  void missingTablesGiveNothing() {
    assertThat(new ListeningSockets(proc).scan()).isEmpty();
  }

  @Test
  void onThisHostASocketThisJvmListensOnIsFoundWithItsDescriptor() throws Exception {
    Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/net/tcp")));
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      long self = ProcessHandle.current().pid();
      List<Listening> found = ListeningSockets.ofHost().scan();
      assertThat(found)
          .filteredOn(l -> l.port() == server.getLocalPort())
          .singleElement()
          .satisfies(
              l -> {
                assertThat(l.address()).isIn("127.0.0.1", "::ffff:127.0.0.1");
                assertThat(l.holders()).extracting(Holder::pid).contains((int) self);
              });
    }
  }

  private void fd(int pid, int fd, String target) throws Exception {
    Path dir = proc.resolve(Integer.toString(pid)).resolve("fd");
    Files.createDirectories(dir);
    Files.createSymbolicLink(dir.resolve(Integer.toString(fd)), Path.of(target));
  }
}
