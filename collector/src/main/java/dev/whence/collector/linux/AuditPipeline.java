package dev.whence.collector.linux;

import dev.whence.avro.Event;
import dev.whence.avro.RejectedInput;
import dev.whence.avro.SourceKind;
import dev.whence.collector.EventSink;
import dev.whence.collector.linux.normalize.LinuxAuditNormalizer;
import dev.whence.collector.linux.normalize.NormalizeException;
import dev.whence.schemas.EventIds;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raw Linux audit lines in, {@link Event}s and {@link RejectedInput}s out: parser, assembler and
 * normalizer in one place, driven line by line by a file reader or a live source. Every line ends
 * up in exactly one event or one rejection (an EOE line with no open event is counted in {@link
 * #orphanEoe()}). Not thread-safe: one pipeline per source thread.
 *
 * <p>A rejection carries the audit serial as its {@code sequence} whenever it is known: from the
 * parsed record or event, or for a line that did not parse from a well-formed stamp at its start
 * ({@link AuditStamp}); for an empty, torn or damaged line it is null.
 *
 * <p>Positions are the caller's (line numbers for files, byte offsets for tailing, a counter for
 * netlink); the origin of a rejection is {@code source + ":" + position}. {@link
 * #checkpointPosition(long)} tells from where input must be read again after a restart so that no
 * event is lost (events already delivered may be delivered again; their ids are the same).
 *
 * <p>When no boot id is configured, the boot id is derived from the first record that parses: the
 * name-based UUID (v5, namespace {@link #BOOT_NAMESPACE}) of {@code host + '\0' + SEC.MSEC + ':' +
 * SERIAL}, so replaying the same file computes the same event ids. Its limit: a file that spans a
 * reboot gets one boot id for both boots.
 */
public final class AuditPipeline {

  /** Namespace of derived boot ids. */
  public static final UUID BOOT_NAMESPACE = UUID.fromString("0b5e3c52-8a0c-4d6c-bf43-2f0e6b1c9a77");

  /** Most bytes of a refused input kept in a {@link RejectedInput}. */
  public static final int MAX_REJECTED_BYTES = 1 << 20;

  private static final Logger LOG = LoggerFactory.getLogger(AuditPipeline.class);

  private final EventSink sink;
  private final PositionedEventSink positioned;
  private final String host;
  private String boot;
  private final Clock clock;
  private final AuditRecordParser parser;
  private final AuditEventAssembler assembler;
  private final LinuxAuditNormalizer normalizer = new LinuxAuditNormalizer();
  private long lines;
  private long records;
  private long events;
  private long rejected;
  private long recordsInEvents;

  /**
   * A pipeline delivering to {@code sink}.
   *
   * @param host host id for records without {@code node=} (and for rejections)
   * @param boot boot id of the traced machine, or null to derive one from the input (see above)
   */
  public AuditPipeline(
      EventSink sink,
      String host,
      String boot,
      AssemblerConfig config,
      int maxLineBytes,
      Clock clock) {
    this.sink = sink;
    this.positioned = sink instanceof PositionedEventSink p ? p : null;
    this.host = host;
    this.boot = boot;
    this.clock = clock;
    this.parser = new AuditRecordParser(maxLineBytes);
    this.assembler = new AuditEventAssembler(config, clock, new AssemblerOutput());
  }

  /** A pipeline with the default assembler bounds and line limit. */
  public AuditPipeline(EventSink sink, String host, String boot, Clock clock) {
    this(
        sink, host, boot, AssemblerConfig.DEFAULT, AuditRecordParser.DEFAULT_MAX_LINE_BYTES, clock);
  }

  /** Accepts one line ({@code buf[off, off+len)}, terminator optional) read at {@code position}. */
  public void acceptLine(byte[] buf, int off, int len, String source, long position) {
    lines++;
    AuditRecord record;
    try {
      record = parser.parse(buf, off, len);
    } catch (AuditParseException e) {
      long serial = AuditStamp.serialOfLine(buf, off, len);
      reject("parse", e.reasonCode(), e.getMessage(), source, position, buf, off, len, len, serial);
      return;
    } catch (RuntimeException e) {
      LOG.warn("parser failed on {}:{}", source, position, e);
      long serial = AuditStamp.serialOfLine(buf, off, len);
      reject(
          "parse", "PARSE_ERROR", String.valueOf(e), source, position, buf, off, len, len, serial);
      return;
    }
    records++;
    if (boot == null) {
      boot = deriveBoot(record);
    }
    assembler.accept(record, source, position);
  }

  /**
   * Accepts the payload of one audit netlink message ({@code audit(SEC.MSEC:SERIAL): k=v ...})
   * whose nlmsg_type is {@code type}, as a live netlink source reads it; otherwise like {@link
   * #acceptLine}.
   */
  public void acceptNetlinkMessage(
      int type, byte[] buf, int off, int len, String source, long position) {
    lines++;
    AuditRecord record;
    try {
      record = parser.parseNetlink(type, buf, off, len);
    } catch (AuditParseException e) {
      long serial = AuditStamp.serialOfPayload(buf, off, len);
      reject("parse", e.reasonCode(), e.getMessage(), source, position, buf, off, len, len, serial);
      return;
    } catch (RuntimeException e) {
      LOG.warn("parser failed on {}:{}", source, position, e);
      long serial = AuditStamp.serialOfPayload(buf, off, len);
      reject(
          "parse", "PARSE_ERROR", String.valueOf(e), source, position, buf, off, len, len, serial);
      return;
    }
    records++;
    if (boot == null) {
      boot = deriveBoot(record);
    }
    assembler.accept(record, source, position);
  }

  /**
   * Refuses a line too long to hold in memory, of which {@code buf[off, off+len)} is the start and
   * {@code totalLength} the full length.
   */
  public void acceptOverlongLine(
      byte[] buf, int off, int len, long totalLength, String source, long position) {
    lines++;
    reject(
        "parse",
        "TOO_LONG",
        "line of " + totalLength + " bytes exceeds the limit of " + parser.maxLineBytes(),
        source,
        position,
        buf,
        off,
        len,
        totalLength,
        AuditStamp.serialOfLine(buf, off, len));
  }

  /** Closes events idle for longer than the idle timeout by the clock (call periodically). */
  public void tick() {
    assembler.tick();
  }

  /** Closes and delivers every open event (end of input, shutdown). */
  public void flush() {
    assembler.flush();
  }

  /**
   * The position of the first record of the oldest open event, or {@code nextPosition} when none is
   * open: after a restart, reading from here loses nothing.
   */
  public long checkpointPosition(long nextPosition) {
    return assembler.oldestOpenPosition(nextPosition);
  }

  /** The boot id in use (null until derived from the first record when none was configured). */
  public String boot() {
    return boot;
  }

  /** Lines accepted. */
  public long lines() {
    return lines;
  }

  /** Lines that parsed as records. */
  public long records() {
    return records;
  }

  /** Events delivered. */
  public long events() {
    return events;
  }

  /** Rejections delivered (lines, late records and events that could not be normalized). */
  public long rejected() {
    return rejected;
  }

  /**
   * Records that went into a closed event (delivered, or refused as a whole by the normalizer).
   * Every line is counted once in exactly one of: parse rejections, this, assembler rejections
   * (LATE_RECORD, TOO_MANY_RECORDS), {@link #orphanEoe()}, or an open event.
   */
  public long recordsInEvents() {
    return recordsInEvents;
  }

  /** EOE records that arrived when their event was no longer open. */
  public long orphanEoe() {
    return assembler.orphanEoe();
  }

  /** Events currently open in the assembler. */
  public int inFlight() {
    return assembler.inFlight();
  }

  /** The assembler, for its counters. */
  public AuditEventAssembler assembler() {
    return assembler;
  }

  /** The boot id derived for a replayed input whose first record is {@code record}. */
  public static String deriveBoot(String host, AuditRecord record) {
    String name =
        host + '\u0000' + record.seconds() + '.' + record.millis() + ':' + record.serial();
    return EventIds.nameUuid(BOOT_NAMESPACE, name).toString();
  }

  private String deriveBoot(AuditRecord record) {
    return deriveBoot(record.node() != null ? record.node() : host, record);
  }

  private void reject(
      String stage,
      String code,
      String reason,
      String source,
      long position,
      byte[] buf,
      int off,
      int len,
      long totalLength,
      long serial) {
    int kept = Math.min(len, MAX_REJECTED_BYTES);
    ByteBuffer bytes = ByteBuffer.wrap(Arrays.copyOfRange(buf, off, off + kept));
    deliver(stage, code, reason, source, position, bytes, totalLength > kept, serial);
  }

  private void deliver(
      String stage,
      String code,
      String reason,
      String source,
      long position,
      ByteBuffer bytes,
      boolean truncated,
      long serial) {
    Instant now = clock.instant();
    RejectedInput r = new RejectedInput();
    r.setHost(host == null ? "unknown" : host);
    r.setSource(SourceKind.LINUX_AUDIT);
    r.setStage(stage);
    r.setReasonCode(code);
    r.setReason(reason);
    r.setOrigin(source == null ? null : source + ":" + position);
    r.setReceivedNanos(now.getEpochSecond() * 1_000_000_000L + now.getNano());
    r.setBytes(bytes);
    r.setTruncated(truncated);
    r.setSequence(serial < 0 ? null : serial);
    rejected++;
    sink.rejected(r);
  }

  /** Normalizes closed events and passes refusals on. */
  private final class AssemblerOutput implements AuditEventAssembler.Output {

    @Override
    public void event(AuditEvent event) {
      recordsInEvents += event.records().size();
      Event out;
      try {
        out = normalizer.normalize(event, host, boot);
      } catch (NormalizeException e) {
        rejectEvent(event, e.reasonCode(), e.getMessage());
        return;
      } catch (RuntimeException e) {
        LOG.warn("normalizer failed on event {} from {}", event.serial(), event.source(), e);
        rejectEvent(event, "NORMALIZE_ERROR", String.valueOf(e));
        return;
      }
      events++;
      if (positioned != null) {
        positioned.event(out, event.source(), event.firstPosition());
      } else {
        sink.event(out);
      }
    }

    @Override
    public void rejected(
        AuditRecord record, String source, long position, String code, String reason) {
      byte[] line = record.line();
      reject(
          "assemble",
          code,
          reason,
          source,
          position,
          line,
          0,
          line.length,
          line.length,
          record.serial());
    }

    private void rejectEvent(AuditEvent event, String code, String reason) {
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      long total = 0;
      for (AuditRecord r : event.records()) {
        byte[] line = r.line();
        total += line.length + 1;
        int room = MAX_REJECTED_BYTES - all.size();
        if (room > 0) {
          all.write(line, 0, Math.min(room, line.length));
          if (all.size() < MAX_REJECTED_BYTES) {
            all.write('\n');
          }
        }
      }
      deliver(
          "normalize",
          code,
          reason + " (event " + event.serial() + ", " + event.records().size() + " records)",
          event.source(),
          event.firstPosition(),
          ByteBuffer.wrap(all.toByteArray()),
          total > all.size(),
          event.serial());
    }
  }
}
