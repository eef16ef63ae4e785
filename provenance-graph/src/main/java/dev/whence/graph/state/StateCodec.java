package dev.whence.graph.state;

import dev.whence.graph.model.Ancestor;
import dev.whence.graph.model.ObjectKind;
import dev.whence.graph.state.DescriptorTarget.FileTarget;
import dev.whence.graph.state.DescriptorTarget.SharedTarget;
import dev.whence.graph.state.DescriptorTarget.SocketTarget;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Compact binary encoding of state entries and keys for byte-oriented stores. Every value starts
 * with a format byte; decoding a value of another format or a truncated value throws {@link
 * IllegalArgumentException} with the reason.
 */
public final class StateCodec {
  /** Format of the encoding; bump and keep a reader for the old one when the layout changes. */
  public static final byte FORMAT = 1;

  private static final int MAX_STRING_BYTES = 1 << 20;

  /** Each thread's encoding buffer, so that an encoding allocates only the bytes it returns. */
  private static final ThreadLocal<Out> SCRATCH = ThreadLocal.withInitial(Out::new);

  private StateCodec() {}

  /** Encodes a process entry. */
  public static byte[] encode(ProcessEntry e) {
    return write(
        out -> {
          key(out, e.key());
          str(out, e.boot());
          str(out, e.entityId());
          out.writeLong(e.startSequence());
          out.writeBoolean(e.forked());
          optInt(out, e.ppid());
          str(out, e.parentNodeId());
          image(out, e.image());
          out.writeInt(e.ancestors().size());
          for (Ancestor a : e.ancestors()) {
            str(out, a.nodeId());
            out.writeInt(a.pid());
            str(out, a.exe());
            strings(out, a.argv());
            optLong(out, a.uid());
            out.writeLong(a.startNanos());
          }
          out.writeLong(e.lastSeenNanos());
          optLong(out, e.exitNanos());
          out.writeLong(e.expiryDue());
        });
  }

  /** Decodes a process entry. */
  public static ProcessEntry decodeProcess(byte[] bytes) {
    return read(
        bytes,
        in -> {
          ProcessKey key = (ProcessKey) key(in);
          String boot = str(in);
          String entityId = str(in);
          long start = in.readLong();
          boolean forked = in.readBoolean();
          Integer ppid = optInt(in);
          String parent = str(in);
          ProcessImage image = image(in);
          int count = count(in);
          List<Ancestor> ancestors = new ArrayList<>(count);
          for (int i = 0; i < count; i++) {
            ancestors.add(
                new Ancestor(
                    str(in), in.readInt(), str(in), strings(in), optLong(in), in.readLong()));
          }
          return new ProcessEntry(
              key,
              boot,
              entityId,
              start,
              forked,
              ppid,
              parent,
              image,
              ancestors,
              in.readLong(),
              optLong(in),
              in.readLong());
        });
  }

  /** Encodes a descriptor entry. */
  public static byte[] encode(DescriptorEntry e) {
    return write(
        out -> {
          key(out, e.key());
          str(out, e.processEntityId());
          out.writeLong(e.openedSequence());
          if (e.target() instanceof FileTarget f) {
            out.writeByte(1);
            str(out, f.entityId());
            str(out, f.path());
            str(out, f.device());
            optLong(out, f.inode());
            str(out, f.kind().name());
          } else if (e.target() instanceof SharedTarget s) {
            out.writeByte(2);
            str(out, s.nodeId());
            out.writeBoolean(s.pipe());
          } else {
            SocketTarget s = (SocketTarget) e.target();
            out.writeByte(3);
            str(out, s.family());
            str(out, s.protocol());
            str(out, s.localAddress());
            optInt(out, s.localPort());
            str(out, s.remoteAddress());
            optInt(out, s.remotePort());
            str(out, s.announcedNodeId());
          }
        });
  }

  /** Decodes a descriptor entry. */
  public static DescriptorEntry decodeDescriptor(byte[] bytes) {
    return read(
        bytes,
        in -> {
          DescriptorKey key = (DescriptorKey) key(in);
          String owner = str(in);
          long opened = in.readLong();
          int tag = in.readByte();
          DescriptorTarget target =
              switch (tag) {
                case 1 ->
                    new FileTarget(
                        str(in), str(in), str(in), optLong(in), ObjectKind.valueOf(str(in)));
                case 2 -> new SharedTarget(str(in), in.readBoolean());
                case 3 ->
                    new SocketTarget(
                        str(in), str(in), str(in), optInt(in), str(in), optInt(in), str(in));
                default -> throw new IllegalArgumentException("unknown descriptor target " + tag);
              };
          return new DescriptorEntry(key, owner, target, opened);
        });
  }

  /** Encodes a file entry. */
  public static byte[] encode(FileEntry e) {
    return write(
        out -> {
          key(out, e.key());
          out.writeInt(e.version());
          str(out, e.nodeId());
          str(out, e.path());
          str(out, e.device());
          optLong(out, e.inode());
          str(out, e.kind().name());
          str(out, e.writerNodeId());
          out.writeBoolean(e.readSinceWrite());
          out.writeLong(e.lastSeenNanos());
          out.writeLong(e.expiryDue());
        });
  }

  /** Decodes a file entry. */
  public static FileEntry decodeFile(byte[] bytes) {
    return read(
        bytes,
        in ->
            new FileEntry(
                (FileKey) key(in),
                in.readInt(),
                str(in),
                str(in),
                str(in),
                optLong(in),
                ObjectKind.valueOf(str(in)),
                str(in),
                in.readBoolean(),
                in.readLong(),
                in.readLong()));
  }

  /** Encodes a name entry. */
  public static byte[] encode(AliasEntry e) {
    return write(
        out -> {
          key(out, e.key());
          str(out, e.entityId());
          str(out, e.device());
          optLong(out, e.inode());
          out.writeLong(e.lastSeenNanos());
          out.writeLong(e.expiryDue());
        });
  }

  /** Decodes a name entry. */
  public static AliasEntry decodeAlias(byte[] bytes) {
    return read(
        bytes,
        in ->
            new AliasEntry(
                (AliasKey) key(in), str(in), str(in), optLong(in), in.readLong(), in.readLong()));
  }

  /** Encodes a de-duplication window. */
  public static byte[] encode(DedupWindow w) {
    return write(
        out -> {
          key(out, w.key());
          out.writeLong(w.highest());
          out.writeLongs(w.bits());
          out.writeLong(w.lastSeenNanos());
          out.writeLong(w.expiryDue());
        });
  }

  /** Decodes a de-duplication window. */
  public static DedupWindow decodeDedup(byte[] bytes) {
    return read(
        bytes,
        in -> {
          DedupKey key = (DedupKey) key(in);
          long highest = in.readLong();
          long[] bits = in.readLongs(count(in));
          return new DedupWindow(key, highest, bits, in.readLong(), in.readLong());
        });
  }

  /** Encodes any state key. */
  public static byte[] encode(StateKey key) {
    return write(out -> key(out, key));
  }

  /** Decodes any state key. */
  public static StateKey decodeKey(byte[] bytes) {
    return read(bytes, StateCodec::key);
  }

  private static void key(Out out, StateKey key) {
    if (key instanceof ProcessKey k) {
      out.writeByte(1);
      str(out, k.host());
      out.writeInt(k.pid());
    } else if (key instanceof DescriptorKey k) {
      out.writeByte(2);
      str(out, k.host());
      out.writeInt(k.pid());
      out.writeInt(k.fd());
    } else if (key instanceof FileKey k) {
      out.writeByte(3);
      str(out, k.host());
      str(out, k.entityId());
    } else if (key instanceof AliasKey k) {
      out.writeByte(4);
      str(out, k.host());
      str(out, k.path());
    } else {
      DedupKey k = (DedupKey) key;
      out.writeByte(5);
      str(out, k.host());
      str(out, k.boot());
    }
  }

  private static StateKey key(In in) {
    int tag = in.readByte();
    return switch (tag) {
      case 1 -> new ProcessKey(str(in), in.readInt());
      case 2 -> new DescriptorKey(str(in), in.readInt(), in.readInt());
      case 3 -> new FileKey(str(in), str(in));
      case 4 -> new AliasKey(str(in), str(in));
      case 5 -> new DedupKey(str(in), str(in));
      default -> throw new IllegalArgumentException("unknown state key tag " + tag);
    };
  }

  private static void image(Out out, ProcessImage i) {
    out.writeInt(i.version());
    str(out, i.nodeId());
    optLong(out, i.uid());
    optLong(out, i.euid());
    optLong(out, i.auid());
    optLong(out, i.gid());
    str(out, i.comm());
    str(out, i.exe());
    strings(out, i.argv());
    str(out, i.cwd());
    out.writeLong(i.startNanos());
  }

  private static ProcessImage image(In in) {
    return new ProcessImage(
        in.readInt(),
        str(in),
        optLong(in),
        optLong(in),
        optLong(in),
        optLong(in),
        str(in),
        str(in),
        strings(in),
        str(in),
        in.readLong());
  }

  private static void str(Out out, String s) {
    if (s == null) {
      out.writeInt(-1);
      return;
    }
    // The JDK encodes an all-ASCII string with one vectorized check and one copy.
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  private static String str(In in) {
    int length = in.readInt();
    if (length == -1) {
      return null;
    }
    if (length < 0 || length > MAX_STRING_BYTES) {
      throw new IllegalArgumentException("string length " + length + " out of range");
    }
    return in.readUtf8(length);
  }

  private static void strings(Out out, List<String> list) {
    out.writeInt(list.size());
    for (String s : list) {
      str(out, s);
    }
  }

  private static List<String> strings(In in) {
    int count = count(in);
    List<String> list = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      list.add(str(in));
    }
    return list;
  }

  private static int count(In in) {
    int count = in.readInt();
    if (count < 0 || count > MAX_STRING_BYTES) {
      throw new IllegalArgumentException("count " + count + " out of range");
    }
    return count;
  }

  private static void optLong(Out out, Long v) {
    out.writeBoolean(v != null);
    if (v != null) {
      out.writeLong(v);
    }
  }

  private static Long optLong(In in) {
    return in.readBoolean() ? in.readLong() : null;
  }

  private static void optInt(Out out, Integer v) {
    out.writeBoolean(v != null);
    if (v != null) {
      out.writeInt(v);
    }
  }

  private static Integer optInt(In in) {
    return in.readBoolean() ? in.readInt() : null;
  }

  private interface Writer {
    void write(Out out);
  }

  private interface Reader<T> {
    T read(In in);
  }

  /**
   * A growing big-endian byte buffer, reused by the encodings of one thread; one that grew past
   * {@link #KEPT_CAPACITY} is let go after use.
   */
  private static final class Out {
    private static final int INITIAL_CAPACITY = 256;
    private static final int KEPT_CAPACITY = 64 * 1024;

    private ByteBuffer buffer = ByteBuffer.allocate(INITIAL_CAPACITY);
    private boolean inUse;

    private void room(int bytes) {
      if (buffer.remaining() < bytes) {
        int size = Math.max(buffer.capacity() * 2, buffer.position() + bytes);
        buffer = ByteBuffer.wrap(Arrays.copyOf(buffer.array(), size)).position(buffer.position());
      }
    }

    void writeByte(int b) {
      room(1);
      buffer.put((byte) b);
    }

    void writeBoolean(boolean b) {
      writeByte(b ? 1 : 0);
    }

    void writeInt(int i) {
      room(4);
      buffer.putInt(i);
    }

    void writeLong(long l) {
      room(8);
      buffer.putLong(l);
    }

    void write(byte[] bytes) {
      room(bytes.length);
      buffer.put(bytes);
    }

    void writeLongs(long[] longs) {
      writeInt(longs.length);
      room(8 * longs.length);
      for (long l : longs) {
        buffer.putLong(l);
      }
    }

    void release() {
      inUse = false;
      if (buffer.capacity() > KEPT_CAPACITY) {
        buffer = ByteBuffer.allocate(INITIAL_CAPACITY);
      }
      buffer.clear();
    }

    byte[] bytes() {
      return Arrays.copyOf(buffer.array(), buffer.position());
    }
  }

  /** Reads what {@link Out} wrote. */
  private static final class In {
    private final ByteBuffer buffer;

    In(byte[] bytes) {
      buffer = ByteBuffer.wrap(bytes);
    }

    byte readByte() {
      return buffer.get();
    }

    boolean readBoolean() {
      return buffer.get() != 0;
    }

    int readInt() {
      return buffer.getInt();
    }

    long readLong() {
      return buffer.getLong();
    }

    long[] readLongs(int n) {
      if (8L * n > buffer.remaining()) {
        throw new BufferUnderflowException();
      }
      long[] longs = new long[n];
      for (int i = 0; i < n; i++) {
        longs[i] = buffer.getLong();
      }
      return longs;
    }

    String readUtf8(int n) {
      if (n > buffer.remaining()) {
        throw new BufferUnderflowException();
      }
      String s = new String(buffer.array(), buffer.position(), n, StandardCharsets.UTF_8);
      buffer.position(buffer.position() + n);
      return s;
    }

    int available() {
      return buffer.remaining();
    }
  }

  private static byte[] write(Writer writer) {
    Out out = SCRATCH.get();
    if (out.inUse) {
      out = new Out();
    }
    out.inUse = true;
    try {
      out.writeByte(FORMAT);
      writer.write(out);
      return out.bytes();
    } finally {
      out.release();
    }
  }

  private static <T> T read(byte[] bytes, Reader<T> reader) {
    In in = new In(bytes);
    try {
      byte format = in.readByte();
      if (format != FORMAT) {
        throw new IllegalArgumentException(
            "state value has format " + format + ", this reader knows " + FORMAT);
      }
      T value = reader.read(in);
      if (in.available() > 0) {
        throw new IllegalArgumentException(in.available() + " trailing bytes in state value");
      }
      return value;
    } catch (BufferUnderflowException e) {
      throw new IllegalArgumentException("truncated state value of " + bytes.length + " bytes", e);
    }
  }
}
