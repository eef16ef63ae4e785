package dev.whence.collector.linux.normalize;

import dev.whence.avro.Event;
import dev.whence.avro.EventObject;
import dev.whence.avro.ObjectKind;
import dev.whence.avro.Operation;
import dev.whence.avro.SourceKind;
import dev.whence.avro.Subject;
import dev.whence.collector.linux.AuditEvent;
import dev.whence.collector.linux.AuditFieldKeys;
import dev.whence.collector.linux.AuditRecord;
import dev.whence.collector.linux.AuditRecordTypes;
import dev.whence.collector.linux.Text;
import dev.whence.schemas.EventIds;
import java.io.ByteArrayOutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps an assembled Linux audit event to a source-neutral {@link Event}: the operation from the
 * system call (or the user-space record type), the subject from SYSCALL (or the user record), up to
 * two objects from PATH, SOCKADDR, FD_PAIR, OBJ_PID, MMAP and the arguments, and every field it did
 * not map into {@code raw} keyed {@code TYPE.field} ({@code PATH.N.field} for PATH item N, {@code
 * TYPE.K.field} for the K-th further record of a repeated type, {@code TYPE.text} for free words).
 *
 * <p>Decoded strings are UTF-8 with malformed bytes replaced by U+FFFD; when a value (hex-encoded
 * or not) was not valid UTF-8, its original bytes are also kept in raw, in hex, under the field's
 * key plus {@code .hex} (e.g. {@code SYSCALL.comm.hex}), so nothing is lost to the replacement.
 * Event ids are {@link EventIds#of(String, String, long)} of (host, boot, serial), except for the
 * audit daemon's own records (DAEMON_*), which carry auditd's serial rather than the kernel's:
 * their id uses the boot {@code BOOT/auditd} so that it never collides with a kernel event. Not
 * thread-safe (it caches raw keys).
 */
public final class LinuxAuditNormalizer {

  /** Suffix of the boot id used for the ids of DAEMON_* records. */
  public static final String DAEMON_BOOT_SUFFIX = "/auditd";

  /** Record type numbers the mapping looks for. */
  private static final int CONFIG_CHANGE = 1305;

  private static final int PROCTITLE = 1327;
  private static final int MMAP = 1323;
  private static final int SOCKADDR = 1306;
  private static final int OPENAT2 = 1337;
  private static final int FD_PAIR = 1317;
  private static final int OBJ_PID = 1318;
  private static final int KERN_MODULE = 1330;

  /** Largest jump between EXECVE argument indexes taken into argv (beyond: kept in raw only). */
  private static final int MAX_ARGV_GAP = 1024;

  private static final long AT_FDCWD_32 = 0xffffff9cL;
  private static final long AT_FDCWD_64 = 0xffffffffffffff9cL;
  private static final long UNSET_32 = 0xffffffffL;

  private static final int RAW_KEY_SLOTS = 4096;
  private static final int PREFIX_SLOTS = 64;
  private static final int LAYOUT_SLOTS = 256;

  /** Largest events whose raw layout is kept (bounds the memory of the layout cache). */
  private static final int MAX_LAYOUT_KEYS = 256;

  private static final int MAX_LAYOUT_RECORDS = 32;
  private static final int BOX_BITS = 8;

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final EventIdGenerator ids = new EventIdGenerator();
  private final ArgvCache titles = new ArgvCache();
  private final RawKeys[] prefixKeys = new RawKeys[PREFIX_SLOTS];
  private final long[] valueKeys = new long[RAW_KEY_SLOTS];
  private final long[] valueTails = new long[RAW_KEY_SLOTS];
  private final byte[] valueLengths = new byte[RAW_KEY_SLOTS];
  private final String[] valueStrings = new String[RAW_KEY_SLOTS];
  private final String[] cachedPrefix = new String[RAW_KEY_SLOTS];
  private final String[] cachedKey = new String[RAW_KEY_SLOTS];
  private final String[] cachedFull = new String[RAW_KEY_SLOTS];
  private final RawLayout[] layouts = new RawLayout[LAYOUT_SLOTS];
  private final Long[] longs = new Long[1 << BOX_BITS];
  private final byte[] decimalLengths = new byte[1 << BOX_BITS];
  private final long[] decimalKeys = new long[1 << BOX_BITS];
  private final long[] decimalTails = new long[1 << BOX_BITS];
  private final Long[] decimalValues = new Long[1 << BOX_BITS];
  private long packedHead;
  private long packedTail;
  private final Integer[] ints = new Integer[1 << BOX_BITS];
  private int[] layoutKeys = new int[64];

  /** A normalizer. */
  public LinuxAuditNormalizer() {}

  /**
   * Normalizes {@code event}; {@code defaultHost} is used when its records have no {@code node=}.
   */
  public Event normalize(AuditEvent event, String defaultHost, String boot)
      throws NormalizeException {
    List<AuditRecord> records = event.records();
    if (records.isEmpty()) {
      throw new NormalizeException("NO_RECORDS", "event " + event.serial() + " has no records");
    }
    String host = event.node() != null ? event.node() : defaultHost;
    Mapping m = new Mapping(records);
    m.map();
    AuditRecord first = records.get(0);
    boolean daemon = AuditRecordTypes.isDaemon(first.typeNumber());
    String id = ids.of(host, daemon ? boot + DAEMON_BOOT_SUFFIX : boot, event.serial());
    Event out = new Event();
    out.setId(id);
    out.setHost(host);
    out.setBoot(boot);
    out.setSource(SourceKind.LINUX_AUDIT);
    out.setSequence(event.serial());
    out.setTimestampNanos(event.timestampNanos());
    out.setOperation(m.operation);
    out.setAction(m.action);
    out.setSuccess(m.success);
    out.setReturnValue(m.returnValue);
    out.setFlags(m.flags);
    out.setSize(m.size);
    out.setSubject(m.subject);
    out.setObject1(m.object1);
    out.setObject2(m.object2);
    out.setRaw(m.raw());
    return out;
  }

  /**
   * The string of an ASCII value of 1 to 16 bytes (uids, "root", "x86_64", flags, rule keys), from
   * a small cache instead of a new string each time; null for a longer or empty value or one with a
   * byte above 0x7f.
   */
  private String shortValue(byte[] line, int off, int len) {
    if (len > 16 || len == 0) {
      return null;
    }
    pack(line, off, len);
    long head = packedHead;
    long tail = packedTail;
    if (((head | tail) & 0x8080808080808080L) != 0) {
      return null;
    }
    int slot = (int) (((head * 0x9e3779b97f4a7c15L) ^ (tail * 0xc2b2ae3d27d4eb4fL)) >>> 52);
    if (valueLengths[slot] == len && valueKeys[slot] == head && valueTails[slot] == tail) {
      return valueStrings[slot];
    }
    String fresh = Text.decode(line, off, len);
    valueLengths[slot] = (byte) len;
    valueKeys[slot] = head;
    valueTails[slot] = tail;
    valueStrings[slot] = fresh;
    return fresh;
  }

  /**
   * Puts the {@code len} (1 to 16) bytes at {@code off} into {@link #packedHead} (bytes 0-7) and
   * {@link #packedTail} (bytes 8-15, zero when none), little-endian.
   */
  private void pack(byte[] line, int off, int len) {
    long head;
    long tail = 0;
    if (off + 16 <= line.length) {
      if (len <= 8) {
        head = (long) LONGS.get(line, off) & lowBytes(len);
      } else {
        head = (long) LONGS.get(line, off);
        tail = (long) LONGS.get(line, off + 8) & lowBytes(len - 8);
      }
    } else {
      head = 0;
      int split = off + Math.min(len, 8);
      for (int k = off; k < split; k++) {
        head |= (long) (line[k] & 0xff) << ((k - off) << 3);
      }
      for (int k = split, end = off + len; k < end; k++) {
        tail |= (long) (line[k] & 0xff) << ((k - split) << 3);
      }
    }
    packedHead = head;
    packedTail = tail;
  }

  /**
   * The decimal value of {@code line[off, off+len)} boxed, as {@link
   * dev.whence.collector.linux.Numbers#parseDecimal} reads it, or null when that gives {@code
   * Long.MIN_VALUE} (not a number); values of up to 16 bytes come from a small cache.
   */
  private Long decimalBox(byte[] line, int off, int len) {
    if (len > 16 || len == 0) {
      long v = dev.whence.collector.linux.Numbers.parseDecimal(line, off, len, Long.MIN_VALUE);
      return v == Long.MIN_VALUE ? null : boxed(v);
    }
    pack(line, off, len);
    long head = packedHead;
    long tail = packedTail;
    int slot = (int) (((head * 0x9e3779b97f4a7c15L) ^ (tail * 0xc2b2ae3d27d4eb4fL)) >>> 56);
    if (decimalLengths[slot] == len && decimalKeys[slot] == head && decimalTails[slot] == tail) {
      return decimalValues[slot];
    }
    long v = dev.whence.collector.linux.Numbers.parseDecimal(line, off, len, Long.MIN_VALUE);
    if (v == Long.MIN_VALUE) {
      return null;
    }
    Long boxed = boxed(v);
    decimalLengths[slot] = (byte) len;
    decimalKeys[slot] = head;
    decimalTails[slot] = tail;
    decimalValues[slot] = boxed;
    return boxed;
  }

  /**
   * {@code v} boxed; a recently boxed equal value is returned instead of a new box (uids, pids,
   * sessions and return values repeat from event to event).
   */
  private Long boxed(long v) {
    int slot = (int) ((v * 0x9e3779b97f4a7c15L) >>> (64 - BOX_BITS));
    Long b = longs[slot];
    if (b == null || b != v) {
      b = v;
      longs[slot] = b;
    }
    return b;
  }

  /** Like {@link #boxed(long)} for an int. */
  private Integer boxed(int v) {
    int slot = (v * 0x9e3779b9) >>> (32 - BOX_BITS);
    Integer b = ints[slot];
    if (b == null || b != v) {
      b = v;
      ints[slot] = b;
    }
    return b;
  }

  /** A mask of the low {@code n} bytes of a long (1 to 8). */
  private static long lowBytes(int n) {
    return n == 8 ? -1L : (1L << (n << 3)) - 1;
  }

  /** The raw keys of {@code prefix} for records of key table {@code table}. */
  private RawKeys rawKeys(String prefix, Object table) {
    int slot = prefix.hashCode() & (PREFIX_SLOTS - 1);
    RawKeys keys = prefixKeys[slot];
    if (keys == null || keys.table != table || !keys.prefix.equals(prefix)) {
      keys = new RawKeys(prefix, table);
      prefixKeys[slot] = keys;
    }
    return keys;
  }

  private String rawKey(String prefix, String key) {
    int h = prefix.hashCode() * 31 + key.hashCode();
    int slot = (h ^ (h >>> 16)) & (RAW_KEY_SLOTS - 1);
    String p = cachedPrefix[slot];
    String k = cachedKey[slot];
    if ((p == prefix || prefix.equals(p)) && (k == key || key.equals(k))) {
      return cachedFull[slot];
    }
    String full = prefix + key;
    cachedPrefix[slot] = prefix;
    cachedKey[slot] = key;
    cachedFull[slot] = full;
    return full;
  }

  /** One PATH record, read. */
  private static final class PathItem {
    int record;
    int item;
    String name;
    Long inode;
    String dev;
    Integer mode;
    Long ouid;
    Long ogid;
    String nametype;
    long[] mapped;
  }

  /** The mapping of one event; collects the fields it used. */
  private final class Mapping {
    final List<AuditRecord> records;
    final long[][] used;
    final String[] prefixes;
    Map<String, String> extraRaw;
    AuditRecord syscall;
    int syscallIndex = -1;
    Operation operation = Operation.OTHER;
    String action;
    boolean success = true;
    Long returnValue;
    Long flags;
    Long size;
    Subject subject;
    EventObject object1;
    EventObject object2;
    List<PathItem> paths;
    String cwd;
    String syscallName;
    final int[] argIndex = {-1, -1, -1, -1};
    int archIndex = -1;
    int syscallNumberIndex = -1;
    int successIndex = -1;
    int exitIndex = -1;

    Mapping(List<AuditRecord> records) {
      this.records = records;
      this.used = new long[records.size()][];
      this.prefixes = new String[records.size()];
      int size = records.size();
      Map<String, Integer> seen = size > 16 ? new HashMap<>() : null;
      for (int r = 0; r < size; r++) {
        AuditRecord rec = records.get(r);
        used[r] = new long[(rec.fieldCount() >> 6) + 1];
        String type = rec.type();
        if (type.equals("PATH")) {
          continue;
        }
        int k = 0;
        if (seen != null) {
          k = seen.merge(type, 1, Integer::sum) - 1;
        } else {
          for (int q = 0; q < r; q++) {
            if (records.get(q).type().equals(type)) {
              k++;
            }
          }
        }
        prefixes[r] = k == 0 ? rawKey(type, ".") : rawKey(type, "." + k + ".");
      }
    }

    void map() {
      for (int r = 0; r < records.size(); r++) {
        AuditRecord rec = records.get(r);
        if (syscall == null && rec.typeNumber() == 1300) {
          syscall = rec;
          syscallIndex = r;
        }
        if (rec.typeNumber() == 1307 && cwd == null) {
          int i = rec.indexOf("cwd");
          if (i >= 0) {
            cwd = text(r, i);
          }
        }
      }
      readPaths();
      subject = syscall != null ? syscallSubject() : userSubject();
      subject.setCwd(cwd);
      List<String> argv = execveArgv();
      if (argv == null) {
        argv = proctitle();
      }
      subject.setArgv(argv == null ? Collections.emptyList() : argv);
      if (syscall != null) {
        mapSyscall();
      } else {
        mapRecordType();
      }
      if (syscall != null && operation == Operation.OTHER) {
        for (AuditRecord rec : records) {
          if (rec.type().startsWith("ANOM_")) {
            operation = Operation.ANOMALY;
            extra(prefixes[syscallIndex] + "syscall", action);
            action = rec.type();
            break;
          }
        }
      }
      if (operation != Operation.CONFIG_CHANGE && has(CONFIG_CHANGE) >= 0) {
        operation = Operation.CONFIG_CHANGE;
        if (syscall != null && action != null) {
          extra(prefixes[syscallIndex] + "syscall", action);
        }
        action = "CONFIG_CHANGE";
      }
    }

    void extra(String key, String value) {
      if (extraRaw == null) {
        extraRaw = new HashMap<>();
      }
      extraRaw.put(key, value);
    }

    Map<String, String> raw() {
      int shape = 0;
      if (extraRaw == null) {
        for (int r = 0; r < records.size(); r++) {
          if (prefixes[r] == null) {
            pathPrefix(r);
          }
        }
        shape = RawLayout.shape(records, used);
        RawLayout layout = layouts[(shape ^ (shape >>> 16)) & (LAYOUT_SLOTS - 1)];
        if (layout != null && layout.matches(records, prefixes, used)) {
          RawFieldMap fast = fill(layout);
          if (fast != null) {
            return fast;
          }
          extraRaw = null;
        }
      }
      boolean layoutable = extraRaw == null;
      int keyCount = 0;
      int expected = extraRaw == null ? 0 : extraRaw.size();
      for (int r = 0; r < records.size(); r++) {
        expected += records.get(r).fieldCount();
        for (long word : used[r]) {
          expected -= Long.bitCount(word);
        }
      }
      RawFieldMap raw = new RawFieldMap(expected);
      int extrasCopied = extraRaw == null ? 0 : extraRaw.size();
      if (extraRaw != null) {
        for (Map.Entry<String, String> e : extraRaw.entrySet()) {
          raw.addOrReplace(e.getKey(), e.getValue());
        }
      }
      for (int r = 0; r < records.size(); r++) {
        AuditRecord rec = records.get(r);
        long[] u = used[r];
        String prefix = prefixes[r];
        if (prefix == null) {
          prefix = pathPrefix(r);
        }
        StringBuilder text = null;
        RawKeys keys = rawKeys(prefix, rec.keyTable());
        for (int i = 0; i < rec.fieldCount(); i++) {
          if ((u[i >> 6] & (1L << i)) != 0) {
            continue;
          }
          if (rec.has(i, AuditRecord.BARE)) {
            layoutable = false;
            if (text == null) {
              text = new StringBuilder();
            } else {
              text.append(' ');
            }
            text.append(rec.value(i));
            continue;
          }
          String key = keys.get(rec, i);
          if (key == null) {
            key = rawKey(prefix, rec.key(i));
            keys.put(rec, i, key);
          }
          String value = text(r, i, key);
          raw.addIfAbsent(key, value);
          if (layoutable) {
            if (keyCount == layoutKeys.length) {
              layoutKeys = java.util.Arrays.copyOf(layoutKeys, keyCount * 2);
            }
            layoutKeys[keyCount++] = rec.keyIndex(i);
          }
        }
        if (text != null) {
          raw.addOrReplace(rawKey(prefix, "text"), text.toString());
        }
      }
      if (extraRaw != null && extraRaw.size() > extrasCopied) {
        // Extras added while reading the fields, e.g. FIELD.hex of a value that is not UTF-8.
        for (Map.Entry<String, String> e : extraRaw.entrySet()) {
          raw.addOrReplace(e.getKey(), e.getValue());
        }
      }
      if (layoutable
          && extraRaw == null
          && raw.size() == keyCount
          && keyCount <= MAX_LAYOUT_KEYS
          && records.size() <= MAX_LAYOUT_RECORDS) {
        layouts[(shape ^ (shape >>> 16)) & (LAYOUT_SLOTS - 1)] =
            RawLayout.of(records, prefixes, used, layoutKeys, keyCount, raw);
      }
      return raw;
    }

    /**
     * The raw map of the keys of {@code layout}, whose shape the records have, or null when a field
     * has another key than the layout expects there.
     */
    private RawFieldMap fill(RawLayout layout) {
      String[] values = new String[layout.size()];
      int j = 0;
      for (int r = 0; r < records.size(); r++) {
        AuditRecord rec = records.get(r);
        long[] u = used[r];
        int n = rec.fieldCount();
        for (int w = 0; w < u.length; w++) {
          long free = ~u[w];
          if (w == (n >> 6)) {
            free &= (1L << (n & 63)) - 1;
          }
          while (free != 0) {
            int i = (w << 6) + Long.numberOfTrailingZeros(free);
            free &= free - 1;
            if (j == values.length || rec.has(i, AuditRecord.BARE) || !layout.keyAt(j, rec, i)) {
              return null;
            }
            values[j] = text(r, i, layout.key(j));
            j++;
          }
        }
      }
      if (j != values.length) {
        return null;
      }
      RawFieldMap raw = layout.map(values);
      if (extraRaw != null) {
        for (Map.Entry<String, String> e : extraRaw.entrySet()) {
          raw.addOrReplace(e.getKey(), e.getValue());
        }
      }
      return raw;
    }

    private String pathPrefix(int r) {
      if (paths != null) {
        for (PathItem p : paths) {
          if (p.record == r) {
            prefixes[r] = rawKey("PATH.", p.item + ".");
            return prefixes[r];
          }
        }
      }
      prefixes[r] = rawKey("PATH.", r + ".");
      return prefixes[r];
    }

    // ---- field access -------------------------------------------------------------------------

    void use(int r, int i) {
      used[r][i >> 6] |= 1L << i;
    }

    /** Index of the first record of type number {@code type}, or -1. */
    int has(int type) {
      for (int r = 0; r < records.size(); r++) {
        if (records.get(r).typeNumber() == type) {
          return r;
        }
      }
      return -1;
    }

    String text(int r, int i) {
      use(r, i);
      AuditRecord rec = records.get(r);
      if (rec.isPlaceholder(i)) {
        return null;
      }
      return text(r, i, null);
    }

    String text(int r, int i, String rawKeyOrNull) {
      AuditRecord rec = records.get(r);
      if (rec.has(i, AuditRecord.HEX)) {
        byte[] bytes = rec.valueBytes(i);
        if (!Text.isWellFormedUtf8(bytes, 0, bytes.length)) {
          extra(rawKeyFor(r, i, rawKeyOrNull) + ".hex", rec.rawValue(i));
        }
        return Text.decode(bytes, 0, bytes.length);
      }
      byte[] line = rec.line();
      int start = rec.valueStart(i);
      int len = rec.valueLength(i);
      String cached = shortValue(line, start, len);
      if (cached != null) {
        return cached;
      }
      if (!Text.isWellFormedUtf8(line, start, len)) {
        extra(rawKeyFor(r, i, rawKeyOrNull) + ".hex", hex(rec.valueBytes(i)));
        return rec.value(i);
      }
      return Text.decode(line, start, len);
    }

    private String rawKeyFor(int r, int i, String rawKeyOrNull) {
      if (rawKeyOrNull != null) {
        return rawKeyOrNull;
      }
      return rawKey(prefixes[r] != null ? prefixes[r] : pathPrefix(r), records.get(r).key(i));
    }

    Long decimal(int r, String key) {
      AuditRecord rec = records.get(r);
      int i = rec.indexOf(key);
      if (i < 0) {
        return null;
      }
      long v = rec.decimal(i, Long.MIN_VALUE);
      if (v == Long.MIN_VALUE) {
        return null;
      }
      use(r, i);
      return boxed(v);
    }

    Integer intValue(int r, String key) {
      return asInt(decimal(r, key));
    }

    String string(int r, String key) {
      AuditRecord rec = records.get(r);
      int i = rec.indexOf(key);
      return i < 0 ? null : text(r, i);
    }

    /** Syscall argument aN (hex), or null. */
    Long arg(int n) {
      if (syscall == null) {
        return null;
      }
      int i = argIndex[n];
      if (i < 0) {
        return null;
      }
      long v = syscall.hex(i, Long.MIN_VALUE);
      if (v == Long.MIN_VALUE && !syscall.valueEquals(i, "8000000000000000")) {
        return null;
      }
      use(syscallIndex, i);
      return boxed(v);
    }

    Integer argInt(int n) {
      Long v = arg(n);
      return v == null ? null : boxed((int) (long) v);
    }

    // ---- subject ------------------------------------------------------------------------------

    Subject syscallSubject() {
      int r = syscallIndex;
      AuditRecord rec = syscall;
      Subject s = new Subject();
      s.setPid(-1);
      s.setArgv(Collections.emptyList());
      int n = rec.fieldCount();
      for (int i = 0; i < n; i++) {
        if ((rec.flags(i) & SKIP) != 0) {
          continue;
        }
        switch (rec.keyCode(i)) {
          case AuditFieldKeys.PID -> {
            Integer v = intAt(r, i);
            s.setPid(v == null ? -1 : v);
          }
          case AuditFieldKeys.PPID -> s.setPpid(intAt(r, i));
          case AuditFieldKeys.UID -> s.setUid(decimalAt(r, i));
          case AuditFieldKeys.EUID -> s.setEuid(decimalAt(r, i));
          case AuditFieldKeys.SUID -> s.setSuid(decimalAt(r, i));
          case AuditFieldKeys.FSUID -> s.setFsuid(decimalAt(r, i));
          case AuditFieldKeys.GID -> s.setGid(decimalAt(r, i));
          case AuditFieldKeys.EGID -> s.setEgid(decimalAt(r, i));
          case AuditFieldKeys.SGID -> s.setSgid(decimalAt(r, i));
          case AuditFieldKeys.FSGID -> s.setFsgid(decimalAt(r, i));
          case AuditFieldKeys.AUID -> s.setAuid(decimalAt(r, i));
          case AuditFieldKeys.SES -> s.setSessionId(decimalAt(r, i));
          case AuditFieldKeys.COMM -> s.setComm(text(r, i));
          case AuditFieldKeys.EXE -> s.setExe(text(r, i));
          case AuditFieldKeys.TTY -> s.setTty(text(r, i));
          case AuditFieldKeys.A0 -> argIndex[0] = i;
          case AuditFieldKeys.A1 -> argIndex[1] = i;
          case AuditFieldKeys.A2 -> argIndex[2] = i;
          case AuditFieldKeys.A3 -> argIndex[3] = i;
          case AuditFieldKeys.ARCH -> archIndex = i;
          case AuditFieldKeys.SYSCALL -> syscallNumberIndex = i;
          case AuditFieldKeys.SUCCESS -> successIndex = i;
          case AuditFieldKeys.EXIT -> exitIndex = i;
          default -> {}
        }
      }
      return s;
    }

    /** The decimal value of field {@code i} of record {@code r} when it fits an int, else null. */
    Integer intAt(int r, int i) {
      return asInt(decimalAt(r, i));
    }

    private Integer asInt(Long v) {
      return v == null || v != (int) (long) v ? null : boxed((int) (long) v);
    }

    Long decimalAt(int r, int i) {
      AuditRecord rec = records.get(r);
      Long v = decimalBox(rec.line(), rec.valueStart(i), rec.valueLength(i));
      if (v != null) {
        use(r, i);
      }
      return v;
    }

    Subject userSubject() {
      Subject s = new Subject();
      s.setArgv(Collections.emptyList());
      s.setPid(-1);
      for (int r = 0; r < records.size(); r++) {
        AuditRecord rec = records.get(r);
        if (rec.indexOf("pid") < 0 && rec.indexOf("auid") < 0) {
          continue;
        }
        int n = rec.fieldCount();
        for (int i = 0; i < n; i++) {
          if ((rec.flags(i) & (AuditRecord.ENRICHED | AuditRecord.BARE)) != 0) {
            continue;
          }
          switch (rec.keyCode(i)) {
            case AuditFieldKeys.PID -> {
              Integer v = intAt(r, i);
              s.setPid(v == null ? -1 : v);
            }
            case AuditFieldKeys.PPID -> s.setPpid(intAt(r, i));
            case AuditFieldKeys.UID -> s.setUid(s.getUid() == null ? decimalAt(r, i) : s.getUid());
            case AuditFieldKeys.EUID -> s.setEuid(decimalAt(r, i));
            case AuditFieldKeys.SUID -> s.setSuid(decimalAt(r, i));
            case AuditFieldKeys.FSUID -> s.setFsuid(decimalAt(r, i));
            case AuditFieldKeys.GID -> s.setGid(decimalAt(r, i));
            case AuditFieldKeys.EGID -> s.setEgid(decimalAt(r, i));
            case AuditFieldKeys.SGID -> s.setSgid(decimalAt(r, i));
            case AuditFieldKeys.FSGID -> s.setFsgid(decimalAt(r, i));
            case AuditFieldKeys.AUID ->
                s.setAuid(s.getAuid() == null ? decimalAt(r, i) : s.getAuid());
            case AuditFieldKeys.SES -> s.setSessionId(decimalAt(r, i));
            case AuditFieldKeys.COMM -> s.setComm(text(r, i));
            case AuditFieldKeys.EXE -> s.setExe(text(r, i));
            case AuditFieldKeys.TTY, AuditFieldKeys.TERMINAL ->
                s.setTty(s.getTty() == null ? text(r, i) : s.getTty());
            case AuditFieldKeys.CWD -> {
              if (cwd == null && rec.typeNumber() == 1123) {
                cwd = text(r, i);
              }
            }
            default -> {}
          }
        }
        break;
      }
      return s;
    }

    // ---- argv ---------------------------------------------------------------------------------

    List<String> execveArgv() {
      List<Object> parts = null;
      long argc = -1;
      for (int r = 0; r < records.size(); r++) {
        AuditRecord rec = records.get(r);
        if (rec.typeNumber() != 1309) {
          continue;
        }
        if (parts == null) {
          parts = new ArrayList<>();
        }
        for (int i = 0; i < rec.fieldCount(); i++) {
          if ((rec.flags(i) & (AuditRecord.ENRICHED | AuditRecord.NESTED | AuditRecord.BARE))
              != 0) {
            continue;
          }
          if (rec.keyCode(i) == AuditFieldKeys.ARGC) {
            argc = rec.decimal(i, -1);
            use(r, i);
            continue;
          }
          String key = rec.key(i);
          int n = key.length();
          int p = 1;
          long index = 0;
          while (p < n && key.charAt(p) >= '0' && key.charAt(p) <= '9' && p < 9) {
            index = index * 10 + (key.charAt(p) - '0');
            p++;
          }
          if (key.charAt(0) != 'a' || p == 1) {
            continue;
          }
          long cap = argc >= 0 ? argc : 4096;
          if (index >= cap || index >= (1 << 20) || index > parts.size() + MAX_ARGV_GAP) {
            continue;
          }
          int idx = (int) index;
          if (p == n) {
            set(parts, idx, text(r, i));
          } else if (key.startsWith("_len", p) && p + 4 == n) {
            use(r, i);
          } else if (key.charAt(p) == '[') {
            Object existing = idx < parts.size() ? parts.get(idx) : null;
            ByteArrayOutputStream buf;
            if (existing instanceof ByteArrayOutputStream b) {
              buf = b;
            } else {
              buf = new ByteArrayOutputStream();
              set(parts, idx, buf);
            }
            byte[] chunk = rec.valueBytes(i);
            buf.write(chunk, 0, chunk.length);
            use(r, i);
          }
        }
      }
      if (parts == null) {
        return null;
      }
      List<String> argv = new ArrayList<>(parts.size());
      for (int k = 0; k < parts.size(); k++) {
        Object part = parts.get(k);
        if (part instanceof ByteArrayOutputStream b) {
          byte[] bytes = b.toByteArray();
          if (!Text.isWellFormedUtf8(bytes, 0, bytes.length)) {
            extra("EXECVE.a" + k + ".hex", hex(bytes));
          }
          argv.add(Text.decode(bytes, 0, bytes.length));
        } else {
          argv.add(part == null ? "" : (String) part);
        }
      }
      return argv;
    }

    private void set(List<Object> parts, int idx, Object value) {
      while (parts.size() <= idx) {
        parts.add(null);
      }
      parts.set(idx, value);
    }

    List<String> proctitle() {
      int r = has(PROCTITLE);
      if (r < 0) {
        return null;
      }
      AuditRecord rec = records.get(r);
      int i = rec.indexOf("proctitle");
      if (i < 0) {
        return null;
      }
      use(r, i);
      if (rec.isPlaceholder(i)) {
        return null;
      }
      if (!rec.has(i, AuditRecord.HEX)) {
        return List.of(rec.value(i));
      }
      List<String> cached = titles.get(rec.line(), rec.valueStart(i), rec.valueLength(i));
      if (cached != null) {
        return cached;
      }
      byte[] bytes = rec.valueBytes(i);
      boolean wellFormed = Text.isWellFormedUtf8(bytes, 0, bytes.length);
      if (!wellFormed) {
        extra(prefixes[r] + "proctitle.hex", rec.rawValue(i));
      }
      List<String> argv = new ArrayList<>(4);
      int start = 0;
      for (int k = 0; k <= bytes.length; k++) {
        if (k == bytes.length || bytes[k] == 0) {
          if (k > start || k < bytes.length) {
            argv.add(Text.decode(bytes, start, k - start));
          }
          start = k + 1;
        }
      }
      if (wellFormed) {
        titles.put(rec.line(), rec.valueStart(i), rec.valueLength(i), argv);
      }
      return argv;
    }

    // ---- paths --------------------------------------------------------------------------------

    void readPaths() {
      for (int r = 0; r < records.size(); r++) {
        AuditRecord rec = records.get(r);
        if (rec.typeNumber() != 1302) {
          continue;
        }
        if (paths == null) {
          paths = new ArrayList<>(4);
        }
        PathItem p = new PathItem();
        p.record = r;
        p.item = -1;
        long[] before = used[r].clone();
        int itemIndex = -1;
        int n = rec.fieldCount();
        for (int i = 0; i < n; i++) {
          if ((rec.flags(i) & SKIP) != 0) {
            continue;
          }
          switch (rec.keyCode(i)) {
            case AuditFieldKeys.ITEM -> {
              Long v = decimalAt(r, i);
              p.item = v == null || v < 0 || v > 100_000 ? -1 : (int) (long) v;
              itemIndex = p.item >= 0 ? i : -1;
            }
            case AuditFieldKeys.NAME -> p.name = text(r, i);
            case AuditFieldKeys.INODE -> p.inode = decimalAt(r, i);
            case AuditFieldKeys.DEV -> {
              if (!rec.isPlaceholder(i)) {
                p.dev = rec.value(i);
                use(r, i);
              }
            }
            case AuditFieldKeys.MODE -> {
              long mode = parseOctal(rec.rawValue(i));
              if (mode >= 0 && mode <= Integer.MAX_VALUE) {
                p.mode = (int) mode;
                use(r, i);
              }
            }
            case AuditFieldKeys.OUID -> p.ouid = decimalAt(r, i);
            case AuditFieldKeys.OGID -> p.ogid = decimalAt(r, i);
            case AuditFieldKeys.NAMETYPE, AuditFieldKeys.OBJTYPE -> p.nametype = text(r, i);
            default -> {}
          }
        }
        if (p.item < 0) {
          p.item = paths.size();
        }
        p.mapped = used[r];
        used[r] = before;
        if (itemIndex >= 0) {
          use(r, itemIndex);
        }
        paths.add(p);
      }
    }

    PathItem path(String nametype) {
      if (paths != null) {
        for (PathItem p : paths) {
          if (nametype.equals(p.nametype)) {
            return p;
          }
        }
      }
      return null;
    }

    PathItem firstNonParent() {
      if (paths == null || paths.isEmpty()) {
        return null;
      }
      PathItem unknown = null;
      for (PathItem p : paths) {
        if ("UNKNOWN".equals(p.nametype)) {
          unknown = unknown == null ? p : unknown;
        } else if (!"PARENT".equals(p.nametype)) {
          return p;
        }
      }
      return unknown != null ? unknown : paths.get(paths.size() - 1);
    }

    PathItem item(int n) {
      if (paths != null) {
        for (PathItem p : paths) {
          if (p.item == n) {
            return p;
          }
        }
      }
      return null;
    }

    EventObject file(PathItem p) {
      if (p == null) {
        return null;
      }
      long[] u = used[p.record];
      for (int k = 0; k < u.length; k++) {
        u[k] |= p.mapped[k];
      }
      EventObject o = object(kindOf(p.mode));
      o.setPath(resolve(p.name));
      o.setInode(p.inode);
      o.setDevice(p.dev);
      o.setMode(p.mode);
      o.setOwnerUid(p.ouid);
      o.setOwnerGid(p.ogid);
      o.setNameType(p.nametype);
      return o;
    }

    String resolve(String name) {
      if (name == null || name.startsWith("/") || cwd == null || !cwd.startsWith("/")) {
        return name;
      }
      int dirfdArg = dirfdArgument(syscallName);
      if (dirfdArg >= 0) {
        Long dirfd = arg(dirfdArg);
        if (dirfd == null || (dirfd != AT_FDCWD_32 && dirfd != AT_FDCWD_64)) {
          return name;
        }
      }
      if (name.equals(".")) {
        return cwd;
      }
      String rel = name.startsWith("./") ? name.substring(2) : name;
      return cwd.endsWith("/") ? cwd + rel : cwd + "/" + rel;
    }

    // ---- syscalls -----------------------------------------------------------------------------

    void mapSyscall() {
      int r = syscallIndex;
      AuditRecord rec = syscall;
      int si = syscallNumberIndex;
      long number = si < 0 ? -1 : rec.decimal(si, -1);
      int ai = archIndex;
      long arch = ai < 0 ? -1 : rec.hex(ai, -1);
      String name = SyscallTable.name(arch, number);
      if (name == null) {
        int ei = rec.indexOfEnriched("SYSCALL");
        if (ei >= 0) {
          name = rec.value(ei);
        }
      }
      if (si >= 0 && name != null) {
        use(r, si);
      }
      syscallName = name;
      action = name != null ? name : si >= 0 ? "syscall_" + rec.rawValue(si) : "SYSCALL";
      int ok = successIndex;
      if (ok >= 0) {
        success = rec.valueEquals(ok, "yes");
        use(r, ok);
      }
      int ex = exitIndex;
      if (ex >= 0) {
        long v = rec.decimal(ex, Long.MIN_VALUE);
        if (v != Long.MIN_VALUE) {
          returnValue = boxed(v);
          use(r, ex);
        }
      }
      if (name == null) {
        return;
      }
      Integer exitFd = success && returnValue != null ? boxed((int) (long) returnValue) : null;
      switch (name) {
        case "execve", "execveat" -> {
          operation = Operation.EXECUTE;
          PathItem p = item(0);
          object1 = file(p != null ? p : firstNonParent());
        }
        case "fork", "vfork" -> {
          operation = Operation.FORK;
          object1 = process(exitFd);
        }
        case "clone", "clone3" -> {
          operation = Operation.CLONE;
          if (name.equals("clone")) {
            flags = arg(0);
          }
          object1 = process(exitFd);
        }
        case "exit", "exit_group" -> operation = Operation.EXIT;
        case "open", "openat", "openat2", "creat", "open_by_handle_at" -> mapOpen(name, exitFd);
        case "read", "pread", "pread64", "readv", "preadv", "preadv2" -> io(Operation.READ);
        case "write", "pwrite", "pwrite64", "writev", "pwritev", "pwritev2" -> io(Operation.WRITE);
        case "sendfile", "sendfile64" -> {
          io(Operation.WRITE);
          object2 = fd(ObjectKind.UNKNOWN, argInt(1));
        }
        case "close" -> {
          operation = Operation.CLOSE;
          object1 = fd(ObjectKind.UNKNOWN, argInt(0));
        }
        case "dup", "dup2", "dup3" -> {
          operation = Operation.DUP;
          object1 = fd(ObjectKind.UNKNOWN, argInt(0));
          object2 = fd(ObjectKind.UNKNOWN, name.equals("dup") ? exitFd : argInt(1));
        }
        case "pipe", "pipe2" -> {
          operation = Operation.CREATE_OBJECT;
          fdPair(ObjectKind.PIPE);
          if (name.equals("pipe2")) {
            flags = arg(1);
          }
        }
        case "socketpair" -> {
          operation = Operation.CREATE_OBJECT;
          fdPair(ObjectKind.SOCKET);
        }
        case "socket" -> {
          operation = Operation.CREATE_OBJECT;
          object1 = fd(ObjectKind.SOCKET, exitFd);
          Long family = arg(0);
          Long type = arg(1);
          object1.setFamily(family == null ? null : familyName(family));
          if (family != null && (family == 2 || family == 10) && type != null) {
            object1.setProtocol(protocolName(type));
          }
          flags = type;
        }
        case "connect" -> socket(Operation.CONNECT, argInt(0), true);
        case "bind" -> socket(Operation.BIND, argInt(0), false);
        case "listen" -> socket(Operation.LISTEN, argInt(0), false);
        case "accept", "accept4" -> {
          // object1: the listening socket; object2: the accepted one, with the peer's address.
          socket(Operation.ACCEPT, exitFd, true);
          object2 = object1;
          object1 = fd(ObjectKind.SOCKET, argInt(0));
        }
        case "sendto", "sendmmsg" -> transfer(Operation.SENDTO);
        case "sendmsg" -> transfer(Operation.SENDMSG);
        case "recvfrom", "recvmmsg" -> transfer(Operation.RECVFROM);
        case "recvmsg" -> transfer(Operation.RECVMSG);
        case "rename", "renameat", "renameat2" -> {
          operation = Operation.RENAME;
          object1 = file(path("DELETE"));
          object2 = file(path("CREATE"));
          if (object1 == null && object2 == null) {
            object1 = file(firstNonParent());
          }
        }
        case "unlink", "unlinkat", "rmdir" -> {
          operation = Operation.UNLINK;
          PathItem p = path("DELETE");
          object1 = file(p != null ? p : firstNonParent());
        }
        case "link", "linkat" -> {
          operation = Operation.LINK;
          object1 = file(path("NORMAL"));
          object2 = file(path("CREATE"));
        }
        case "symlink", "symlinkat" -> {
          operation = Operation.LINK;
          PathItem p = path("CREATE");
          object1 = file(p != null ? p : firstNonParent());
        }
        case "mkdir", "mkdirat", "mknod", "mknodat" -> {
          operation = Operation.CREATE_OBJECT;
          PathItem p = path("CREATE");
          object1 = file(p != null ? p : firstNonParent());
        }
        case "truncate", "truncate64" -> {
          operation = Operation.TRUNCATE;
          object1 = file(firstNonParent());
          size = arg(1);
        }
        case "ftruncate", "ftruncate64" -> {
          operation = Operation.TRUNCATE;
          object1 = fd(ObjectKind.FILE, argInt(0));
          size = arg(1);
        }
        case "chmod" -> attributes(null, 1, -1);
        case "fchmod" -> attributes(argInt(0), 1, -1);
        case "fchmodat", "fchmodat2" -> attributes(null, 2, -1);
        case "chown", "lchown", "chown32", "lchown32" -> attributes(null, -1, 1);
        case "fchown", "fchown32" -> attributes(argInt(0), -1, 1);
        case "fchownat" -> attributes(null, -1, 2);
        case "utime",
            "utimes",
            "utimensat",
            "futimesat",
            "setxattr",
            "lsetxattr",
            "removexattr",
            "lremovexattr" ->
            attributes(null, -1, -1);
        case "fsetxattr", "fremovexattr" -> attributes(argInt(0), -1, -1);
        case "setuid",
            "setgid",
            "setfsuid",
            "setfsgid",
            "setuid32",
            "setgid32",
            "setfsuid32",
            "setfsgid32" ->
            principal(arg(0));
        case "setreuid", "setregid", "setreuid32", "setregid32" -> principal(firstSet(1, 0));
        case "setresuid", "setresgid", "setresuid32", "setresgid32" -> principal(firstSet(1, 0, 2));
        case "setgroups", "setgroups32", "capset" -> principal(null);
        case "mmap", "mmap2" -> {
          operation = Operation.MMAP;
          flags = arg(2);
          size = arg(1);
          int m = has(MMAP);
          Integer mfd = m < 0 ? null : intValue(m, "fd");
          object1 = mfd != null && mfd >= 0 ? fd(ObjectKind.FILE, mfd) : object(ObjectKind.MEMORY);
        }
        case "mprotect", "pkey_mprotect" -> {
          operation = Operation.MPROTECT;
          flags = arg(2);
          size = arg(1);
          object1 = object(ObjectKind.MEMORY);
        }
        case "kill",
            "tkill",
            "tgkill",
            "rt_sigqueueinfo",
            "rt_tgsigqueueinfo",
            "pidfd_send_signal" -> {
          operation = Operation.SIGNAL;
          object1 = target(argInt(0));
          flags = name.equals("tgkill") || name.equals("rt_tgsigqueueinfo") ? arg(2) : arg(1);
        }
        case "process_vm_readv", "process_vm_writev" -> {
          operation = Operation.PTRACE;
          object1 = target(argInt(0));
        }
        case "copy_file_range", "splice" -> {
          operation = Operation.WRITE;
          object1 = fd(ObjectKind.UNKNOWN, argInt(2));
          object2 = fd(ObjectKind.UNKNOWN, argInt(0));
          if (success && returnValue != null) {
            size = returnValue;
          }
        }
        case "ptrace" -> {
          operation = Operation.PTRACE;
          flags = arg(0);
          object1 = target(argInt(1));
        }
        case "init_module", "finit_module" -> {
          operation = Operation.LOADMODULE;
          object1 = module(name.equals("finit_module") ? argInt(0) : null);
        }
        case "delete_module" -> {
          operation = Operation.UNLOADMODULE;
          object1 = module(null);
        }
        case "mount", "fsmount", "move_mount" -> {
          operation = Operation.MOUNT;
          object1 = file(firstNonParent());
          flags = name.equals("mount") ? arg(3) : null;
        }
        case "umount", "umount2", "oldumount" -> {
          operation = Operation.UMOUNT;
          object1 = file(firstNonParent());
        }
        case "getpeername" -> {
          socket(Operation.OTHER, argInt(0), true);
        }
        case "getsockname" -> {
          socket(Operation.OTHER, argInt(0), false);
        }
        default -> {
          operation = Operation.OTHER;
          if (has(SOCKADDR) >= 0) {
            socket(Operation.OTHER, argInt(0), true);
          }
        }
      }
    }

    void mapOpen(String name, Integer exitFd) {
      PathItem created = path("CREATE");
      PathItem p = created;
      if (p == null) {
        p = path("NORMAL");
      }
      if (p == null) {
        p = firstNonParent();
      }
      operation = created != null ? Operation.CREATE_OBJECT : Operation.OPEN;
      object1 = file(p);
      if (object1 == null) {
        object1 = object(ObjectKind.FILE);
      }
      object1.setFd(exitFd);
      switch (name) {
        case "open" -> flags = arg(1);
        case "openat", "open_by_handle_at" -> flags = arg(2);
        case "creat" -> flags = 0x241L;
        default -> {
          int r = has(OPENAT2);
          if (r >= 0) {
            int i = records.get(r).indexOf("oflag");
            if (i >= 0) {
              long v = parseOctal(records.get(r).rawValue(i));
              if (v >= 0) {
                flags = v;
                use(r, i);
              }
            }
          }
        }
      }
    }

    void io(Operation op) {
      operation = op;
      object1 = fd(ObjectKind.UNKNOWN, argInt(0));
      if (success && returnValue != null) {
        size = returnValue;
      }
    }

    void transfer(Operation op) {
      socket(op, argInt(0), true);
      if (success && returnValue != null) {
        size = returnValue;
      }
    }

    void socket(Operation op, Integer fd, boolean remote) {
      operation = op;
      object1 = fd(ObjectKind.SOCKET, fd);
      int r = has(SOCKADDR);
      if (r < 0) {
        return;
      }
      AuditRecord rec = records.get(r);
      int i = rec.indexOf("saddr");
      if (i < 0
          || !dev.whence.collector.linux.Hex.isHex(
              rec.line(), rec.valueStart(i), rec.valueLength(i))) {
        return;
      }
      use(r, i);
      Sockaddr sa =
          Sockaddr.decode(
              dev.whence.collector.linux.Hex.decode(
                  rec.line(), rec.valueStart(i), rec.valueLength(i)));
      object1.setFamily(sa.family());
      if (remote) {
        object1.setRemoteAddress(sa.address());
        object1.setRemotePort(sa.port());
      } else {
        object1.setLocalAddress(sa.address());
        object1.setLocalPort(sa.port());
      }
    }

    void fdPair(ObjectKind kind) {
      int r = has(FD_PAIR);
      Integer fd0 = r < 0 ? null : intValue(r, "fd0");
      Integer fd1 = r < 0 ? null : intValue(r, "fd1");
      object1 = fd(kind, fd0);
      object2 = fd(kind, fd1);
    }

    void attributes(Integer fd, int modeArg, int ownerArg) {
      operation = Operation.MODIFY_FILE_ATTRIBUTES;
      if (fd != null) {
        object1 = fd(ObjectKind.FILE, fd);
        PathItem p = firstNonParent();
        if (p != null) {
          EventObject f = file(p);
          f.setFd(fd);
          object1 = f;
        }
      } else {
        object1 = file(firstNonParent());
      }
      if (modeArg >= 0) {
        flags = arg(modeArg);
      }
      if (ownerArg >= 0 && object1 != null) {
        Long owner = arg(ownerArg);
        if (owner != null && owner != UNSET_32 && owner != -1L) {
          object1.setPrincipalId(owner);
        }
      }
    }

    Long firstSet(int... args) {
      for (int a : args) {
        Long v = arg(a);
        if (v != null && v != UNSET_32 && v != -1L) {
          return v;
        }
      }
      return null;
    }

    void principal(Long id) {
      operation = Operation.CHANGE_PRINCIPAL;
      object1 = object(ObjectKind.PRINCIPAL);
      object1.setPrincipalId(id);
    }

    EventObject process(Integer pid) {
      EventObject o = object(ObjectKind.PROCESS);
      o.setPid(pid);
      return o;
    }

    EventObject target(Integer argPid) {
      int r = has(OBJ_PID);
      Integer pid = r < 0 ? null : intValue(r, "opid");
      return process(pid != null ? pid : argPid);
    }

    EventObject module(Integer fd) {
      EventObject o = object(ObjectKind.MODULE);
      int r = has(KERN_MODULE);
      if (r >= 0) {
        o.setPath(string(r, "name"));
      }
      o.setFd(fd);
      return o;
    }

    EventObject fd(ObjectKind kind, Integer fd) {
      EventObject o = object(kind);
      o.setFd(fd);
      return o;
    }

    // ---- records without SYSCALL --------------------------------------------------------------

    void mapRecordType() {
      AuditRecord rec = records.get(0);
      int r = 0;
      String type = rec.type();
      action = type;
      operation =
          switch (type) {
            case "USER_LOGIN", "USER_START" -> Operation.LOGIN;
            case "USER_END", "USER_LOGOUT" -> Operation.LOGOUT;
            case "USER_AUTH", "USER_ACCT" -> Operation.AUTHENTICATE;
            case "USER_CMD" -> Operation.USER_COMMAND;
            case "CONFIG_CHANGE" -> Operation.CONFIG_CHANGE;
            default ->
                type.startsWith("DAEMON_")
                    ? Operation.DAEMON
                    : type.startsWith("ANOM_") ? Operation.ANOMALY : Operation.OTHER;
          };
      int res = rec.indexOf("res");
      if (res >= 0) {
        success =
            rec.valueEquals(res, "success")
                || rec.valueEquals(res, "1")
                || rec.valueEquals(res, "yes");
        use(r, res);
      }
      if (operation == Operation.LOGIN
          || operation == Operation.LOGOUT
          || operation == Operation.AUTHENTICATE) {
        EventObject o = object(ObjectKind.PRINCIPAL);
        Long id = decimal(r, "id");
        if (id == null) {
          id = decimal(r, "auid");
        }
        o.setPrincipalId(id);
        object1 = o;
      }
    }
  }

  private static final int SKIP = AuditRecord.ENRICHED | AuditRecord.NESTED | AuditRecord.BARE;

  private static EventObject object(ObjectKind kind) {
    EventObject o = new EventObject();
    o.setKind(kind);
    return o;
  }

  private static final java.util.Set<String> DIRFD_FIRST =
      java.util.Set.of(
          "openat",
          "openat2",
          "mkdirat",
          "mknodat",
          "fchownat",
          "futimesat",
          "newfstatat",
          "fstatat64",
          "unlinkat",
          "renameat",
          "renameat2",
          "linkat",
          "readlinkat",
          "fchmodat",
          "fchmodat2",
          "faccessat",
          "faccessat2",
          "execveat",
          "name_to_handle_at",
          "statx",
          "utimensat",
          "open_by_handle_at");

  /** Which argument holds the directory fd that relative names are resolved against, or -1. */
  static int dirfdArgument(String syscall) {
    if (syscall == null) {
      return -1;
    }
    if (syscall.equals("symlinkat")) {
      return 1;
    }
    return DIRFD_FIRST.contains(syscall) ? 0 : -1;
  }

  static ObjectKind kindOf(Integer mode) {
    if (mode == null) {
      return ObjectKind.FILE;
    }
    return switch (mode & 0170000) {
      case 0040000 -> ObjectKind.DIRECTORY;
      case 0120000 -> ObjectKind.SYMLINK;
      case 0020000, 0060000 -> ObjectKind.DEVICE;
      case 0140000 -> ObjectKind.SOCKET;
      case 0010000 -> ObjectKind.PIPE;
      default -> ObjectKind.FILE;
    };
  }

  static String familyName(long family) {
    return switch ((int) family) {
      case 1 -> "unix";
      case 2 -> "inet";
      case 10 -> "inet6";
      case 16 -> "netlink";
      case 17 -> "packet";
      default -> Long.toString(family);
    };
  }

  static String protocolName(long type) {
    return switch ((int) (type & 0xf)) {
      case 1 -> "tcp";
      case 2 -> "udp";
      case 3 -> "raw";
      default -> null;
    };
  }

  static long parseOctal(String s) {
    if (s.isEmpty() || s.length() > 22) {
      return -1;
    }
    long v = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '7') {
        return -1;
      }
      v = v * 8 + (c - '0');
    }
    return v;
  }

  private static String hex(byte[] bytes) {
    char[] digits = "0123456789ABCDEF".toCharArray();
    char[] out = new char[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      out[2 * i] = digits[(bytes[i] >> 4) & 0xf];
      out[2 * i + 1] = digits[bytes[i] & 0xf];
    }
    return new String(out);
  }
}
