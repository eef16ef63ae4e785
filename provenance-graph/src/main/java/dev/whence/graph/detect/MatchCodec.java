package dev.whence.graph.detect;

import dev.whence.graph.model.Ancestor;
import dev.whence.graph.model.NodeKind;
import dev.whence.graph.model.Operation;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Binary form of the matches stored under one key, with their earliest expiry. */
final class MatchCodec {
  private static final int FORMAT = 1;

  private static final ThreadLocal<Scratch> ENTRY_SCRATCH = ThreadLocal.withInitial(Scratch::new);
  private static final ThreadLocal<Scratch> CHAIN_SCRATCH = ThreadLocal.withInitial(Scratch::new);

  private MatchCodec() {}

  /**
   * A thread's reusable output buffer, so that an encoding allocates only the bytes it returns; a
   * nested use on the same thread gets a fresh one, and a buffer that grew large is let go.
   */
  private static final class Scratch {
    private static final int KEPT_CAPACITY = 64 * 1024;

    private ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
    private DataOutputStream out = new DataOutputStream(bytes);
    private boolean inUse;

    static Scratch acquire(ThreadLocal<Scratch> local) {
      Scratch s = local.get();
      if (s.inUse) {
        s = new Scratch();
      }
      s.inUse = true;
      s.bytes.reset();
      return s;
    }

    void release() {
      inUse = false;
      if (bytes.size() > KEPT_CAPACITY) {
        bytes = new ByteArrayOutputStream(512);
        out = new DataOutputStream(bytes);
      }
    }
  }

  /** Decoded content of one key. */
  record Entry(long due, List<PartialMatch> matches) {}

  static byte[] encode(long due, List<PartialMatch> matches) {
    Scratch scratch = Scratch.acquire(ENTRY_SCRATCH);
    try {
      DataOutputStream out = scratch.out;
      out.writeByte(FORMAT);
      out.writeLong(due);
      out.writeInt(matches.size());
      for (PartialMatch m : matches) {
        str(out, m.ruleId());
        out.writeInt(m.ruleVersion());
        str(out, m.alertId());
        out.writeInt(m.matchedSteps());
        out.writeInt(m.marker());
        str(out, m.firstHost());
        out.writeLong(m.firstNanos());
        out.writeLong(m.lastNanos());
        out.writeLong(m.expiresNanos());
        out.writeInt(m.chain().size());
        if (m.chain() instanceof LazyChain lazy) {
          out.writeInt(lazy.length());
          lazy.writeTo(out);
        } else {
          writeChain(out, m.chain());
        }
      }
      out.flush();
      return scratch.bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      scratch.release();
    }
  }

  static Entry decode(byte[] bytes) {
    ByteArrayInputStream source = new ByteArrayInputStream(bytes);
    try (DataInputStream in = new DataInputStream(source)) {
      int format = in.readByte();
      if (format != FORMAT) {
        throw new IllegalStateException("unknown match format " + format);
      }
      long due = in.readLong();
      int n = in.readInt();
      List<PartialMatch> matches = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        String ruleId = str(in);
        int version = in.readInt();
        String alertId = str(in);
        int matched = in.readInt();
        int marker = in.readInt();
        String host = str(in);
        long first = in.readLong();
        long last = in.readLong();
        long expires = in.readLong();
        int c = in.readInt();
        int length = in.readInt();
        int offset = bytes.length - source.available();
        if (length < 0 || length > source.available()) {
          throw new IllegalStateException("truncated match entry");
        }
        LazyChain chain = new LazyChain(bytes, offset, length, c);
        in.skipNBytes(length);
        matches.add(
            new PartialMatch(
                ruleId, version, alertId, matched, marker, host, first, last, expires, chain));
      }
      return new Entry(due, matches);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The earliest expiry of an encoded entry, without decoding the matches. */
  static long due(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      int format = in.readByte();
      if (format != FORMAT) {
        throw new IllegalStateException("unknown match format " + format);
      }
      return in.readLong();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes the chain's encoded length, then its encoding, without an intermediate copy. */
  private static void writeChain(DataOutputStream out, List<ChainStep> chain) throws IOException {
    Scratch scratch = Scratch.acquire(CHAIN_SCRATCH);
    try {
      for (ChainStep s : chain) {
        step(scratch.out, s);
      }
      scratch.out.flush();
      out.writeInt(scratch.bytes.size());
      scratch.bytes.writeTo(out);
    } finally {
      scratch.release();
    }
  }

  static List<ChainStep> decodeChain(byte[] bytes, int offset, int length, int size) {
    try (DataInputStream in =
        new DataInputStream(new ByteArrayInputStream(bytes, offset, length))) {
      List<ChainStep> chain = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        chain.add(step(in));
      }
      return List.copyOf(chain);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void step(DataOutputStream out, ChainStep s) throws IOException {
    str(out, s.eventId());
    out.writeLong(s.timestampNanos());
    str(out, s.operation().name());
    AlertProcess p = s.subject();
    str(out, p.nodeId());
    out.writeInt(p.pid());
    str(out, p.exe());
    strings(out, p.argv());
    optLong(out, p.uid());
    out.writeLong(p.startNanos());
    out.writeInt(p.ancestors().size());
    for (Ancestor a : p.ancestors()) {
      str(out, a.nodeId());
      out.writeInt(a.pid());
      str(out, a.exe());
      strings(out, a.argv());
      optLong(out, a.uid());
      out.writeLong(a.startNanos());
    }
    AlertObject o = s.object();
    out.writeBoolean(o != null);
    if (o != null) {
      str(out, o.nodeId());
      str(out, o.kind().name());
      str(out, o.name());
    }
  }

  private static ChainStep step(DataInputStream in) throws IOException {
    String eventId = str(in);
    long ts = in.readLong();
    Operation op = Operation.valueOf(str(in));
    String nodeId = str(in);
    int pid = in.readInt();
    String exe = str(in);
    List<String> argv = strings(in);
    Long uid = optLong(in);
    long start = in.readLong();
    int n = in.readInt();
    List<Ancestor> ancestors = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ancestors.add(
          new Ancestor(str(in), in.readInt(), str(in), strings(in), optLong(in), in.readLong()));
    }
    AlertObject object = null;
    if (in.readBoolean()) {
      object = new AlertObject(str(in), NodeKind.valueOf(str(in)), str(in));
    }
    return new ChainStep(
        eventId, ts, op, new AlertProcess(nodeId, pid, exe, argv, uid, start, ancestors), object);
  }

  private static void strings(DataOutputStream out, List<String> values) throws IOException {
    out.writeInt(values.size());
    for (String v : values) {
      str(out, v);
    }
  }

  private static List<String> strings(DataInputStream in) throws IOException {
    int n = in.readInt();
    List<String> values = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String v = str(in);
      values.add(v == null ? "" : v);
    }
    return values;
  }

  private static void optLong(DataOutputStream out, Long v) throws IOException {
    out.writeBoolean(v != null);
    if (v != null) {
      out.writeLong(v);
    }
  }

  private static Long optLong(DataInputStream in) throws IOException {
    return in.readBoolean() ? in.readLong() : null;
  }

  private static void str(DataOutputStream out, String s) throws IOException {
    if (s == null) {
      out.writeInt(-1);
      return;
    }
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String str(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      return null;
    }
    return new String(in.readNBytes(n), StandardCharsets.UTF_8);
  }
}
