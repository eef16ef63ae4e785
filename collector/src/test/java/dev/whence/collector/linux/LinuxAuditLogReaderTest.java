package dev.whence.collector.linux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whence.avro.Event;
import dev.whence.avro.RejectedInput;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinuxAuditLogReaderTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  private static byte[] fixture(String name) throws Exception {
    return GoLibauditAuparseConformanceTest.resource(name);
  }

  private static CollectingSink read(Path file, String boot) throws Exception {
    CollectingSink sink = new CollectingSink();
    new LinuxAuditLogReader(new AuditPipeline(sink, "h", boot, CLOCK)).read(file);
    return sink;
  }

  private static List<String> ids(CollectingSink sink) {
    return sink.events.stream().map(Event::getId).sorted().collect(Collectors.toList());
  }

  @Test
  void plainGzipAndCrlfGiveTheSameEvents() throws Exception {
    byte[] text = fixture("auparse_test_test3.log");
    Path plain = Files.write(dir.resolve("a.log"), text);
    Path gz = dir.resolve("a.log.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(text);
    }
    String crlf = new String(text, StandardCharsets.UTF_8).replace("\n", "\r\n").stripTrailing();
    Path dos = Files.writeString(dir.resolve("b.log"), crlf);
    CollectingSink a = read(plain, "boot");
    assertThat(a.events).isNotEmpty();
    assertThat(a.rejected).isEmpty();
    assertThat(ids(read(gz, "boot"))).isEqualTo(ids(a));
    assertThat(ids(read(dos, "boot"))).isEqualTo(ids(a));
  }

  @Test
  void replaysDeriveTheSameBootAndIds() throws Exception {
    Path file = Files.write(dir.resolve("c.log"), fixture("auparse_testdata_audit-rhel7.log"));
    CollectingSink first = read(file, null);
    CollectingSink second = read(file, null);
    assertThat(ids(first)).isEqualTo(ids(second)).isNotEmpty();
    String boot = first.events.get(0).getBoot();
    byte[] firstLine = Files.readAllLines(file).get(0).getBytes(StandardCharsets.UTF_8);
    AuditRecord r = new AuditRecordParser().parse(firstLine, 0, firstLine.length);
    assertThat(boot).isEqualTo(AuditPipeline.deriveBoot("h", r));
  }

  @Test
  void refusesAnOverlongLineAndKeepsReading() throws Exception {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    text.write(fixture("testdata_normal.log"));
    byte[] huge = new byte[3 << 20];
    Arrays.fill(huge, (byte) 'x');
    text.write(huge);
    text.write('\n');
    text.write(fixture("testdata_rollover.log"));
    CollectingSink sink = new CollectingSink();
    AuditPipeline pipeline = new AuditPipeline(sink, "h", "b", CLOCK);
    long lines =
        new LinuxAuditLogReader(pipeline).read(new ByteArrayInputStream(text.toByteArray()), "mem");
    long normal = GoLibauditAuparseConformanceTest.lines("testdata_normal.log").size();
    long rollover = GoLibauditAuparseConformanceTest.lines("testdata_rollover.log").size();
    assertThat(lines).isEqualTo(normal + 1 + rollover);
    assertThat(sink.rejected)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getReasonCode()).isEqualTo("TOO_LONG");
              assertThat(r.getTruncated()).isTrue();
              assertThat(r.getBytes().remaining()).isEqualTo(AuditPipeline.MAX_REJECTED_BYTES);
              assertThat(r.getOrigin()).isEqualTo("mem:" + (normal + 1));
              assertThat(r.getReason()).contains(Integer.toString(3 << 20));
            });
    assertThat(sink.events.stream().map(Event::getSequence)).contains(4294967295L, 0L, 1L, 2L);
    assertThat(pipeline.recordsInEvents() + sink.rejected.size()).isEqualTo(lines);
  }

  @Test
  void reportsWhereEachEventStartedAndWhereToResume() throws Exception {
    String text =
        "type=SYSCALL msg=audit(1.000:1): arch=c000003e syscall=3 success=yes exit=0 a0=3\n"
            + "type=SYSCALL msg=audit(1.000:2): arch=c000003e syscall=3 success=yes exit=0 a0=4\n"
            + "type=PROCTITLE msg=audit(1.000:2): proctitle=6C73\n"
            + "garbage\n"
            + "type=PROCTITLE msg=audit(1.000:1): proctitle=6C73";
    CollectingSink sink = new CollectingSink();
    AuditPipeline pipeline = new AuditPipeline(sink, "h", "b", CLOCK);
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    int start = 0;
    long line = 0;
    for (int i = 0; i <= b.length; i++) {
      if (i == b.length || b[i] == '\n') {
        pipeline.acceptLine(b, start, i - start, "live", ++line);
        start = i + 1;
        if (line == 3) {
          assertThat(pipeline.checkpointPosition(line + 1)).isEqualTo(1);
        }
      }
    }
    assertThat(pipeline.checkpointPosition(line + 1)).isEqualTo(6);
    assertThat(sink.events.stream().map(Event::getSequence)).containsExactly(2L, 1L);
    assertThat(sink.positions).containsExactly(2L, 1L);
    RejectedInput r = sink.rejected.get(0);
    assertThat(r.getOrigin()).isEqualTo("live:4");
    assertThat(new String(r.getBytes().array(), StandardCharsets.UTF_8)).isEqualTo("garbage");
  }
}
