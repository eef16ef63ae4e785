package dev.whence.collector.spool;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskSpoolTest {

  private static final Clock CLOCK = Clock.systemUTC();

  @TempDir Path dir;

  private DiskSpool open(long maxBytes, long segmentBytes) throws IOException {
    return DiskSpool.open(dir, maxBytes, segmentBytes, SyncPolicy.OS, CLOCK);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(UTF_8);
  }

  private static List<String> values(List<SpoolRecord> records) {
    return records.stream().map(r -> new String(r.value(), UTF_8)).toList();
  }

  private List<Path> segmentFiles() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".spool")).sorted().toList();
    }
  }

  @Test
  void readsRecordsBackInAppendOrderAcrossSegments() throws IOException {
    try (DiskSpool spool = open(1 << 20, 100)) {
      for (int i = 0; i < 50; i++) {
        assertThat(spool.offer(bytes("k" + i), bytes("value-" + i))).isTrue();
      }
      List<SpoolRecord> all = spool.read(0, 1000, Long.MAX_VALUE);
      assertThat(values(all)).containsExactlyElementsOf(range(0, 50));
      assertThat(all).extracting(SpoolRecord::position).containsExactlyElementsOf(longs(0, 50));
      assertThat(new String(all.get(7).key(), UTF_8)).isEqualTo("k7");
      assertThat(segmentFiles().size()).isGreaterThan(5);
      assertThat(spool.depth()).isEqualTo(50);
      assertThat(spool.bytes()).isEqualTo(all.stream().mapToLong(SpoolRecord::sizeOnDisk).sum());
    }
  }

  @Test
  void readHonoursRecordAndByteLimitsAndStartPosition() throws IOException {
    try (DiskSpool spool = open(1 << 20, 64)) {
      for (int i = 0; i < 20; i++) {
        spool.offer(new byte[0], bytes("v" + (i < 10 ? "0" : "") + i));
      }
      assertThat(values(spool.read(5, 3, Long.MAX_VALUE))).containsExactly("v05", "v06", "v07");
      int one = DiskSpool.sizeOnDisk(0, 3);
      assertThat(spool.read(0, 100, 4L * one)).hasSize(4);
      assertThat(spool.read(0, 100, 1)).hasSize(1);
      assertThat(spool.read(20, 100, Long.MAX_VALUE)).isEmpty();
    }
  }

  @Test
  void ackRemovesTheHeadAndDeletesFullyAcknowledgedSegments() throws IOException {
    try (DiskSpool spool = open(1 << 20, 100)) {
      for (int i = 0; i < 40; i++) {
        spool.offer(bytes("k"), bytes("value-" + i));
      }
      int before = segmentFiles().size();
      spool.ack(24);
      assertThat(spool.head()).isEqualTo(25);
      assertThat(spool.depth()).isEqualTo(15);
      assertThat(values(spool.peek(100))).containsExactlyElementsOf(range(25, 40));
      assertThat(segmentFiles().size()).isLessThan(before);
      spool.ack(10);
      assertThat(spool.depth()).isEqualTo(15);
      spool.ack(39);
      assertThat(spool.depth()).isZero();
      assertThat(spool.bytes()).isZero();
      assertThat(spool.peek(10)).isEmpty();
      assertThatThrownBy(() -> spool.ack(40)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void offerRefusesWhenTheBoundIsReachedAndBeyondBoundStillAppends() throws IOException {
    int size = DiskSpool.sizeOnDisk(1, 10);
    try (DiskSpool spool = open(5L * size, 2L * size)) {
      for (int i = 0; i < 5; i++) {
        assertThat(spool.offer(bytes("k"), bytes("0123456789"))).isTrue();
      }
      assertThat(spool.offer(bytes("k"), bytes("0123456789"))).isFalse();
      assertThat(spool.depth()).isEqualTo(5);
      spool.appendBeyondBound(bytes("k"), bytes("0123456789"));
      assertThat(spool.depth()).isEqualTo(6);
      assertThat(spool.bytes()).isEqualTo(6L * size);
      spool.ack(0);
      assertThat(spool.offer(bytes("k"), bytes("0123456789"))).isFalse();
      spool.ack(1);
      assertThat(spool.offer(bytes("k"), bytes("0123456789"))).isTrue();
    }
  }

  @Test
  void rejectsARecordLargerThanTheBound() throws IOException {
    try (DiskSpool spool = open(100, 100)) {
      assertThatThrownBy(() -> spool.offer(new byte[0], new byte[200]))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("exceeds");
    }
  }

  @Test
  void appendWaitsWhileFullUntilAnAckMakesRoom() throws Exception {
    int size = DiskSpool.sizeOnDisk(0, 8);
    try (DiskSpool spool = open(3L * size, size)) {
      for (int i = 0; i < 3; i++) {
        spool.append(new byte[0], bytes("record-" + i));
      }
      CompletableFuture<Long> blocked =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return spool.append(new byte[0], bytes("record-3"));
                } catch (InterruptedException e) {
                  throw new IllegalStateException(e);
                }
              });
      Thread.sleep(300);
      assertThat(blocked).isNotDone();
      assertThat(spool.depth()).isEqualTo(3);
      spool.ack(0);
      assertThat(blocked.get(5, TimeUnit.SECONDS)).isEqualTo(3L);
      assertThat(values(spool.peek(10))).containsExactly("record-1", "record-2", "record-3");
    }
  }

  @Test
  void awaitRecordsWakesOnAppend() throws Exception {
    try (DiskSpool spool = open(1 << 20, 1 << 10)) {
      assertThat(spool.awaitRecords(0, 10, TimeUnit.MILLISECONDS)).isFalse();
      CompletableFuture<Boolean> waiting =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return spool.awaitRecords(0, 10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  throw new IllegalStateException(e);
                }
              });
      spool.offer(new byte[0], bytes("x"));
      assertThat(waiting.get(5, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void reopeningReturnsUnacknowledgedRecordsAndContinuesPositions() throws IOException {
    try (DiskSpool spool = open(1 << 20, 100)) {
      for (int i = 0; i < 30; i++) {
        spool.offer(bytes("k"), bytes("value-" + i));
      }
      spool.ack(11);
    }
    try (DiskSpool spool = open(1 << 20, 100)) {
      assertThat(spool.recovery().tornRecords()).isZero();
      assertThat(spool.recovery().records()).isEqualTo(18);
      assertThat(spool.head()).isEqualTo(12);
      assertThat(values(spool.peek(100))).containsExactlyElementsOf(range(12, 30));
      spool.offer(bytes("k"), bytes("value-30"));
      assertThat(spool.tail()).isEqualTo(31);
      assertThat(values(spool.peek(100))).containsExactlyElementsOf(range(12, 31));
      spool.ack(30);
    }
    try (DiskSpool spool = open(1 << 20, 100)) {
      assertThat(spool.depth()).isZero();
      assertThat(spool.tail()).isEqualTo(31);
    }
  }

  @Test
  void recoversFromATornTailByTruncatingIt() throws IOException {
    try (DiskSpool spool = open(1 << 20, 1 << 20)) {
      for (int i = 0; i < 10; i++) {
        spool.offer(bytes("k"), bytes("value-" + i));
      }
    }
    Path segment = segmentFiles().get(0);
    long size = Files.size(segment);
    try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
      file.setLength(size - 3);
    }
    try (DiskSpool spool = open(1 << 20, 1 << 20)) {
      assertThat(spool.recovery().tornRecords()).isEqualTo(1);
      assertThat(spool.recovery().truncatedBytes()).isEqualTo(DiskSpool.sizeOnDisk(1, 7) - 3);
      assertThat(values(spool.peek(100))).containsExactlyElementsOf(range(0, 9));
      spool.offer(bytes("k"), bytes("after"));
      List<String> expected = new ArrayList<>(range(0, 9));
      expected.add("after");
      assertThat(values(spool.peek(100))).containsExactlyElementsOf(expected);
    }
    assertThat(Files.size(segment)).isEqualTo(9L * DiskSpool.sizeOnDisk(1, 7));
  }

  @Test
  void recoversFromAHeaderCutShort() throws IOException {
    try (DiskSpool spool = open(1 << 20, 1 << 20)) {
      for (int i = 0; i < 3; i++) {
        spool.offer(bytes("k"), bytes("value-" + i));
      }
    }
    Path segment = segmentFiles().get(0);
    try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
      file.setLength(2L * DiskSpool.sizeOnDisk(1, 7) + 5);
    }
    try (DiskSpool spool = open(1 << 20, 1 << 20)) {
      assertThat(spool.recovery().tornRecords()).isEqualTo(1);
      assertThat(values(spool.peek(100))).containsExactly("value-0", "value-1");
    }
  }

  @Test
  void recoveryCutsASegmentAtACorruptRecordAndKeepsLaterSegments() throws IOException {
    int size = DiskSpool.sizeOnDisk(1, 7);
    try (DiskSpool spool = open(1 << 20, 5L * size)) {
      for (int i = 0; i < 10; i++) {
        spool.offer(bytes("k"), bytes("value-" + i));
      }
    }
    List<Path> files = segmentFiles();
    assertThat(files).hasSize(2);
    try (RandomAccessFile file = new RandomAccessFile(files.get(0).toFile(), "rw")) {
      long offset = 2L * size + size - 1;
      file.seek(offset);
      int b = file.read();
      file.seek(offset);
      file.write(b ^ 0x40);
    }
    try (DiskSpool spool = open(1 << 20, 5L * size)) {
      assertThat(spool.recovery().tornRecords()).isEqualTo(1);
      assertThat(spool.recovery().truncatedBytes()).isEqualTo(3L * size);
      assertThat(values(spool.peek(100)))
          .containsExactly(
              "value-0", "value-1", "value-5", "value-6", "value-7", "value-8", "value-9");
      assertThat(spool.peek(100))
          .extracting(SpoolRecord::position)
          .containsExactly(0L, 1L, 5L, 6L, 7L, 8L, 9L);
      assertThat(spool.depth()).isEqualTo(7);
      spool.ack(1);
      assertThat(spool.head()).isEqualTo(5);
      assertThat(spool.depth()).isEqualTo(5);
    }
  }

  @Test
  void aCorruptHeadCheckpointFallsBackToTheFirstRecord() throws IOException {
    try (DiskSpool spool = open(1 << 20, 1 << 20)) {
      for (int i = 0; i < 5; i++) {
        spool.offer(bytes("k"), bytes("value-" + i));
      }
      spool.ack(2);
    }
    Files.write(dir.resolve("head"), new byte[12]);
    try (DiskSpool spool = open(1 << 20, 1 << 20)) {
      assertThat(values(spool.peek(100))).containsExactlyElementsOf(range(0, 5));
    }
  }

  @Test
  void aSecondSpoolOnTheSameDirectoryIsRefused() throws IOException {
    try (DiskSpool spool = open(1 << 20, 1 << 10)) {
      assertThatThrownBy(() -> open(1 << 20, 1 << 10))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("in use");
    }
    open(1 << 20, 1 << 10).close();
  }

  @Test
  void closedSpoolRefusesAppends() throws IOException {
    DiskSpool spool = open(1 << 20, 1 << 10);
    spool.close();
    assertThatThrownBy(() -> spool.offer(new byte[0], new byte[1]))
        .isInstanceOf(IllegalStateException.class);
  }

  private static List<String> range(int from, int to) {
    List<String> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      out.add("value-" + i);
    }
    return out;
  }

  private static List<Long> longs(long from, long to) {
    List<Long> out = new ArrayList<>();
    for (long i = from; i < to; i++) {
      out.add(i);
    }
    return out;
  }
}
