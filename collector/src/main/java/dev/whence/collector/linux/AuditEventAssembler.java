package dev.whence.collector.linux;

import dev.whence.schemas.LongHashSet;
import java.time.Clock;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Groups records into events by (node, serial). Records may arrive interleaved and out of order;
 * serials may roll over (they are only compared for equality). An event is closed by EOE, by the
 * PROCTITLE record that ends a syscall event, at once for standalone user-space types, by the
 * record-time and idle timeouts, by the in-flight bound (oldest first) and by {@link #flush()}. A
 * record for an event that was closed moments ago is refused as LATE_RECORD rather than emitted
 * under the same serial twice. Not thread-safe.
 */
public final class AuditEventAssembler {

  /** Receives closed events and refused records. */
  public interface Output {
    /** A closed event. */
    void event(AuditEvent event);

    /** A record that could not be placed in an event. */
    void rejected(AuditRecord record, String source, long position, String code, String reason);
  }

  private static final int EOE = 1320;
  private static final int PROCTITLE = 1327;
  private static final int RECENT = 8192;
  private static final int MAX_NODES = 65_536;

  /**
   * The record-time timeout closes an event only after this many further records arrived, so that a
   * jump of the clock between two events (an idle machine) does not split an event whose records
   * arrive interleaved with the next one.
   */
  static final long RECORD_TIMEOUT_MIN_RECORDS = 1024;

  private final AssemblerConfig config;
  private final Clock clock;
  private final Output out;
  private final long recordTimeoutMillis;
  private final long idleTimeoutMillis;

  /** Open events, oldest first, except {@link #pending}. */
  private final LinkedHashMap<Long, AuditEvent> open = new LinkedHashMap<>(1024);

  /**
   * The open event opened last, kept out of {@link #open} until another one opens: most events are
   * complete before the next one starts, and then never enter the map.
   */
  private AuditEvent pending;

  private long pendingKey;

  private final Map<String, Long> nodeIds = new HashMap<>();
  private LongHashSet recentClosed = new LongHashSet(RECENT);
  private LongHashSet olderClosed = new LongHashSet(RECENT);

  /** An upper bound of the keys in the two sets above: a larger key was never closed. */
  private long maxClosedKey = Long.MIN_VALUE;

  /** The event the previous record went to (records of one event mostly arrive together). */
  private AuditEvent lastEvent;

  private long lastKey;

  private String lastNode;
  private long lastNodeId;
  private long watermarkMillis = Long.MIN_VALUE;
  private long recordsSeen;
  private long eventsClosed;
  private long timedOut;
  private long evicted;
  private long lateRecords;
  private long orphanEoe;

  /** An assembler with these bounds, whose idle timeout follows {@code clock}. */
  public AuditEventAssembler(AssemblerConfig config, Clock clock, Output out) {
    this.config = config;
    this.clock = clock;
    this.out = out;
    this.recordTimeoutMillis = config.recordTimeout().toMillis();
    this.idleTimeoutMillis = config.idleTimeout().toMillis();
  }

  /** Adds one record read at {@code position} of {@code source}. */
  public void accept(AuditRecord record, String source, long position) {
    long t = record.seconds() * 1000 + record.millis();
    recordsSeen++;
    if (t > watermarkMillis) {
      watermarkMillis = t;
      expireByRecordTime();
    } else if ((recordsSeen & 1023) == 0) {
      expireByRecordTime();
    }
    int type = record.typeNumber();
    if (AuditRecordTypes.isStandalone(type, record.type())) {
      AuditEvent single =
          new AuditEvent(
              record.node(), record.serial(), source, position, Long.MIN_VALUE, recordsSeen);
      single.add(record);
      close(single, AuditEvent.Completion.STANDALONE);
      return;
    }
    long key = key(record);
    AuditEvent event;
    if (key == lastKey && lastEvent != null && lastEvent.completion() == null) {
      event = lastEvent;
    } else if (pending != null && key == pendingKey) {
      event = pending;
    } else {
      event = open.isEmpty() ? null : open.get(key);
    }
    if (event == null) {
      if (type == EOE) {
        orphanEoe++;
        return;
      }
      if (key <= maxClosedKey && (recentClosed.contains(key) || olderClosed.contains(key))) {
        lateRecords++;
        out.rejected(
            record,
            source,
            position,
            "LATE_RECORD",
            "record of event "
                + record.serial()
                + " arrived after the event was closed (type "
                + record.type()
                + ")");
        return;
      }
      event =
          new AuditEvent(
              record.node(), record.serial(), source, position, clock.millis(), recordsSeen);
      if (pending != null) {
        Long boxed = pendingKey;
        pending.openKey = boxed;
        open.put(boxed, pending);
      }
      pending = event;
      pendingKey = key;
    } else if (event.records().size() >= config.maxRecordsPerEvent()) {
      out.rejected(
          record,
          source,
          position,
          "TOO_MANY_RECORDS",
          "event " + record.serial() + " already has " + config.maxRecordsPerEvent() + " records");
      return;
    }
    lastKey = key;
    lastEvent = event;
    event.add(record);
    if (type == EOE) {
      detach(event);
      close(event, AuditEvent.Completion.EOE);
    } else if (type == PROCTITLE && event.hasSyscall()) {
      detach(event);
      close(event, AuditEvent.Completion.PROCTITLE);
    }
    while (inFlight() > config.maxEventsInFlight()) {
      closeEldest(AuditEvent.Completion.EVICTED);
    }
  }

  /** Closes events whose first record arrived more than the idle timeout ago by the clock. */
  public void tick() {
    long now = clock.millis();
    Iterator<AuditEvent> it = open.values().iterator();
    while (it.hasNext()) {
      AuditEvent e = it.next();
      if (now - e.arrivalMillis() < idleTimeoutMillis) {
        return;
      }
      it.remove();
      timedOut++;
      close(e, AuditEvent.Completion.IDLE_TIMEOUT);
    }
    AuditEvent e = pending;
    if (e != null && now - e.arrivalMillis() >= idleTimeoutMillis) {
      pending = null;
      timedOut++;
      close(e, AuditEvent.Completion.IDLE_TIMEOUT);
    }
  }

  /** Closes every open event, oldest first (end of input). */
  public void flush() {
    while (inFlight() > 0) {
      closeEldest(AuditEvent.Completion.FLUSH);
    }
  }

  /** Number of open events. */
  public int inFlight() {
    return open.size() + (pending != null ? 1 : 0);
  }

  /**
   * The smallest position of the first record of any open event, or {@code fallback} when none is
   * open: input before it has been fully emitted.
   */
  public long oldestOpenPosition(long fallback) {
    long min = fallback;
    boolean first = true;
    for (AuditEvent e : open.values()) {
      if (first || e.firstPosition() < min) {
        min = e.firstPosition();
        first = false;
      }
    }
    if (pending != null && (first || pending.firstPosition() < min)) {
      min = pending.firstPosition();
    }
    return min;
  }

  /** Events closed so far. */
  public long eventsClosed() {
    return eventsClosed;
  }

  /** Events closed by a timeout (record time or idle). */
  public long timedOut() {
    return timedOut;
  }

  /** Events closed because too many were in flight. */
  public long evicted() {
    return evicted;
  }

  /** Records refused because their event was already closed. */
  public long lateRecords() {
    return lateRecords;
  }

  /** EOE records for which no event was open (nothing else to attach them to). */
  public long orphanEoe() {
    return orphanEoe;
  }

  private void expireByRecordTime() {
    long limit = watermarkMillis - recordTimeoutMillis;
    if (!open.isEmpty()) {
      Iterator<AuditEvent> it = open.values().iterator();
      while (it.hasNext()) {
        AuditEvent e = it.next();
        if (!expired(e, limit)) {
          return;
        }
        it.remove();
        timedOut++;
        close(e, AuditEvent.Completion.RECORD_TIMEOUT);
      }
    }
    AuditEvent e = pending;
    if (e != null && expired(e, limit)) {
      pending = null;
      timedOut++;
      close(e, AuditEvent.Completion.RECORD_TIMEOUT);
    }
  }

  /** Whether {@code e} is over the record-time timeout ({@code limit}: the watermark minus it). */
  private boolean expired(AuditEvent e, long limit) {
    AuditRecord r = e.records().get(0);
    return r.seconds() * 1000 + r.millis() < limit
        && recordsSeen - e.openedAtRecord() >= RECORD_TIMEOUT_MIN_RECORDS;
  }

  /** Takes {@code event}, which is open, out of the open events. */
  private void detach(AuditEvent event) {
    if (event == pending) {
      pending = null;
    } else {
      open.remove(event.openKey);
    }
  }

  private void closeEldest(AuditEvent.Completion how) {
    AuditEvent e;
    if (!open.isEmpty()) {
      Iterator<AuditEvent> it = open.values().iterator();
      e = it.next();
      it.remove();
    } else {
      e = pending;
      pending = null;
    }
    if (how == AuditEvent.Completion.EVICTED) {
      evicted++;
    }
    close(e, how);
  }

  private void close(AuditEvent event, AuditEvent.Completion how) {
    event.complete(how);
    eventsClosed++;
    if (how != AuditEvent.Completion.STANDALONE) {
      remember(keyOf(event.node(), event.serial()));
    }
    out.event(event);
  }

  private void remember(long key) {
    if (recentClosed.size() >= RECENT) {
      LongHashSet emptied = olderClosed;
      emptied.clear();
      olderClosed = recentClosed;
      recentClosed = emptied;
    }
    recentClosed.add(key);
    maxClosedKey = Math.max(maxClosedKey, key);
  }

  private long key(AuditRecord record) {
    return keyOf(record.node(), record.serial());
  }

  private long keyOf(String node, long serial) {
    long id;
    if (node == lastNode) {
      id = lastNodeId;
    } else {
      if (nodeIds.size() >= MAX_NODES) {
        nodeIds.clear();
      }
      id = node == null ? 0 : nodeIds.computeIfAbsent(node, n -> (long) nodeIds.size() + 1);
      lastNode = node;
      lastNodeId = id;
    }
    return (id << 32) | serial;
  }
}
