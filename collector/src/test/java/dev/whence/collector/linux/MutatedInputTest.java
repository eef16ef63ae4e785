package dev.whence.collector.linux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whence.avro.Event;
import dev.whence.avro.RejectedInput;
import dev.whence.schemas.AvroSerde;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Hostile input: real audit lines mutated by bit flips, truncations, splices and insertions of the
 * bytes the format is built on (0x1D, quotes, '=', NUL, braces). Nothing may escape as an
 * exception, every line must end up in an event or a rejection, and every output must encode as
 * Avro.
 */
class MutatedInputTest {

  static {
    org.apache.avro.util.ClassSecurityValidator.setGlobal(
        org.apache.avro.util.ClassSecurityValidator.composite(
            org.apache.avro.util.ClassSecurityValidator.getGlobal(),
            type -> type.getPackageName().equals("dev.whence.avro")));
  }

  private static final byte[] SPECIAL = {0x1d, '"', '\'', '=', 0, '{', '}', ' ', ':', '(', ')'};
  private static final List<byte[]> CORPUS = corpus();
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

  @Test
  void hundredThousandMutatedLinesAreAllAccountedFor() {
    Random random = new Random(20261127L);
    Tally tally = feed(random, 100_000);
    assertThat(tally.lines).isEqualTo(100_000);
    assertThat(tally.events).isPositive();
    assertThat(tally.rejectedByCode).containsKeys("MALFORMED_LINE", "CONTROL_CHARACTER", "BAD_HEX");
  }

  @Property(tries = 200)
  void anySeedKeepsTheAccounting(@ForAll long seed, @ForAll @IntRange(min = 1, max = 300) int n) {
    feed(new Random(seed), n);
  }

  /** Counts of one run. */
  static final class Tally {
    long lines;
    long events;
    Map<String, Long> rejectedByCode = new HashMap<>();
  }

  private static Tally feed(Random random, int count) {
    AvroSerde<Event> events = new AvroSerde<>(Event.class);
    AvroSerde<RejectedInput> rejections = new AvroSerde<>(RejectedInput.class);
    Tally tally = new Tally();
    long[] parseRejected = {0};
    long[] assembleRejected = {0};
    AuditPipeline pipeline =
        new AuditPipeline(
            new dev.whence.collector.EventSink() {
              @Override
              public void event(Event event) {
                tally.events++;
                assertThat(events.decode(events.encode(event))).isEqualTo(event);
              }

              @Override
              public void rejected(RejectedInput r) {
                assertThat(r.getReasonCode()).isNotBlank();
                assertThat(r.getReason()).isNotBlank();
                assertThat(r.getOrigin()).startsWith("fuzz:");
                assertThat(r.getBytes().remaining()).isLessThanOrEqualTo(1 << 20);
                rejections.encode(r);
                tally.rejectedByCode.merge(r.getReasonCode(), 1L, Long::sum);
                if (r.getStage().equals("parse")) {
                  parseRejected[0]++;
                } else if (r.getStage().equals("assemble")) {
                  assembleRejected[0]++;
                }
              }
            },
            "fuzz-host",
            null,
            AssemblerConfig.DEFAULT,
            4096,
            CLOCK);
    for (int i = 0; i < count; i++) {
      byte[] line = mutate(random);
      int off = random.nextInt(3);
      byte[] framed = new byte[line.length + off + 1];
      System.arraycopy(line, 0, framed, off, line.length);
      pipeline.acceptLine(framed, off, line.length, "fuzz", i + 1);
      if (random.nextInt(500) == 0) {
        pipeline.tick();
      }
    }
    long open = pipeline.inFlight();
    long beforeFlush = pipeline.recordsInEvents();
    pipeline.flush();
    assertThat(pipeline.inFlight()).isZero();
    assertThat(pipeline.recordsInEvents()).isGreaterThanOrEqualTo(beforeFlush + open);
    tally.lines = pipeline.lines();
    assertThat(
            parseRejected[0]
                + pipeline.recordsInEvents()
                + assembleRejected[0]
                + pipeline.orphanEoe())
        .as("every line in exactly one event or rejection")
        .isEqualTo(count);
    assertThat(pipeline.records()).isEqualTo(count - parseRejected[0]);
    return tally;
  }

  private static byte[] mutate(Random random) {
    byte[] line = CORPUS.get(random.nextInt(CORPUS.size())).clone();
    int mutations = random.nextInt(4);
    for (int m = 0; m < mutations && line.length > 0; m++) {
      switch (random.nextInt(7)) {
        case 0 -> {
          int at = random.nextInt(line.length);
          line[at] ^= (byte) (1 << random.nextInt(8));
        }
        case 1 -> line = java.util.Arrays.copyOf(line, random.nextInt(line.length));
        case 2 -> {
          byte[] other = CORPUS.get(random.nextInt(CORPUS.size()));
          int cut = random.nextInt(line.length);
          int from = random.nextInt(other.length);
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          out.write(line, 0, cut);
          out.write(other, from, other.length - from);
          line = out.toByteArray();
        }
        case 3 ->
            line =
                insert(
                    line,
                    random.nextInt(line.length + 1),
                    new byte[] {SPECIAL[random.nextInt(SPECIAL.length)]});
        case 4 -> {
          int at = random.nextInt(line.length);
          if (Hex.digit(line[at]) >= 0) {
            line[at] = 'G';
          }
        }
        case 5 ->
            line =
                insert(
                    line,
                    random.nextInt(line.length + 1),
                    "a0_len=999999999 argc=2147483648 ".getBytes(StandardCharsets.US_ASCII));
        default -> {
          if (random.nextInt(50) == 0) {
            byte[] big = new byte[5000 + random.nextInt(5000)];
            java.util.Arrays.fill(big, (byte) 'A');
            line = insert(line, random.nextInt(line.length + 1), big);
          }
        }
      }
    }
    return line;
  }

  private static byte[] insert(byte[] line, int at, byte[] what) {
    byte[] out = new byte[line.length + what.length];
    System.arraycopy(line, 0, out, 0, at);
    System.arraycopy(what, 0, out, at, what.length);
    System.arraycopy(line, at, out, at + what.length, line.length - at);
    return out;
  }

  private static List<byte[]> corpus() {
    List<byte[]> lines = new ArrayList<>();
    try {
      for (String name :
          List.of(
              "auparse_testdata_audit-rhel7.log",
              "auparse_testdata_test3.log",
              "auparse_test_test.log",
              "auparse_test_test4.log",
              "testdata_out_of_order.log",
              "aucoalesce_testdata_ubuntu-17.04-linux-4.10.0.yaml")) {
        for (String l : GoLibauditAuparseConformanceTest.lines(name)) {
          String t = l.trim();
          if (t.contains("msg=audit(")) {
            lines.add(t.getBytes(StandardCharsets.UTF_8));
          }
        }
      }
      Path demo = DemoRecordingTest.DEMO;
      if (Files.exists(demo)) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(demo))) {
          String text = new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8);
          String[] demoLines = text.split("\n");
          for (int i = 0; i < demoLines.length - 1; i++) {
            lines.add(demoLines[i].getBytes(StandardCharsets.UTF_8));
          }
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException("cannot load the fuzz corpus", e);
    }
    return lines;
  }
}
