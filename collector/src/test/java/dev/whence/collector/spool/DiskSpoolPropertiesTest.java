package dev.whence.collector.spool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The spool behaves like a bounded FIFO queue whatever mix of appends, acks and reopens. */
class DiskSpoolPropertiesTest {

  private static final long MAX_BYTES = 2_000;
  private static final long SEGMENT_BYTES = 300;

  sealed interface Op permits Append, Ack, Reopen {}

  record Append(int size) implements Op {}

  record Ack(int count) implements Op {}

  record Reopen() implements Op {}

  @Provide
  Arbitrary<List<Op>> ops() {
    Arbitrary<Op> append = Arbitraries.integers().between(0, 120).map(Append::new);
    Arbitrary<Op> ack = Arbitraries.integers().between(1, 8).map(Ack::new);
    Arbitrary<Op> reopen = Arbitraries.just(new Reopen());
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(10, append),
            net.jqwik.api.Tuple.of(3, ack),
            net.jqwik.api.Tuple.of(1, reopen))
        .list()
        .ofMaxSize(80);
  }

  @Property(tries = 60)
  void behavesAsABoundedFifo(@ForAll("ops") List<Op> ops) throws IOException {
    Path dir = Files.createTempDirectory("spool-prop");
    try {
      ArrayDeque<byte[]> model = new ArrayDeque<>();
      long modelBytes = 0;
      int counter = 0;
      DiskSpool spool = open(dir);
      try {
        for (Op op : ops) {
          if (op instanceof Append append) {
            byte[] value = new byte[append.size()];
            Arrays.fill(value, (byte) counter);
            byte[] key = Integer.toString(counter++).getBytes();
            int size = DiskSpool.sizeOnDisk(key.length, value.length);
            boolean fits = model.isEmpty() || modelBytes + size <= MAX_BYTES;
            assertThat(spool.offer(key, value)).isEqualTo(fits);
            if (fits) {
              model.addLast(concat(key, value));
              modelBytes += size;
            }
          } else if (op instanceof Ack ack) {
            List<SpoolRecord> head = spool.peek(ack.count());
            if (!head.isEmpty()) {
              spool.ack(head.get(head.size() - 1).position());
              for (SpoolRecord r : head) {
                byte[] removed = model.removeFirst();
                assertThat(concat(r.key(), r.value())).isEqualTo(removed);
                modelBytes -= r.sizeOnDisk();
              }
            }
          } else {
            spool.close();
            spool = open(dir);
            assertThat(spool.recovery().tornRecords()).isZero();
          }
          assertThat(spool.depth()).isEqualTo(model.size());
          assertThat(spool.bytes()).isEqualTo(modelBytes);
          assertThat(spool.bytes()).isLessThanOrEqualTo(Math.max(MAX_BYTES, modelBytes));
        }
        List<SpoolRecord> rest = spool.read(0, Integer.MAX_VALUE, Long.MAX_VALUE);
        assertThat(rest).hasSize(model.size());
        long previous = -1;
        for (SpoolRecord r : rest) {
          assertThat(concat(r.key(), r.value())).isEqualTo(model.removeFirst());
          assertThat(r.position()).isGreaterThan(previous);
          previous = r.position();
        }
      } finally {
        spool.close();
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  private static DiskSpool open(Path dir) throws IOException {
    return DiskSpool.open(dir, MAX_BYTES, SEGMENT_BYTES, SyncPolicy.OS, Clock.systemUTC());
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + 1 + b.length);
    out[a.length] = '|';
    System.arraycopy(b, 0, out, a.length + 1, b.length);
    return out;
  }
}
