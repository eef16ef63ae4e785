package dev.whence.collector.linux;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

/**
 * Parses one raw Linux audit line ({@code [node=HOST ]type=NAME msg=audit(SEC.MSEC:SERIAL): k=v
 * ...[0x1D ENRICHED k=v ...]}) into an {@link AuditRecord}, working on bytes without regular
 * expressions. Not thread-safe: it keeps small caches of keys, type names and the node name.
 *
 * <p>Refuses (with an {@link AuditParseException}) lines that no auditd writes: a missing or
 * malformed header, unterminated quotes, raw control bytes (the kernel hex-encodes them), invalid
 * hex in proctitle or EXECVE arguments, absurd EXECVE counts and lengths, too many fields and lines
 * longer than the configured limit.
 */
public final class AuditRecordParser {

  /** Default longest accepted line: the kernel's records are below 9 KiB. */
  public static final int DEFAULT_MAX_LINE_BYTES = 64 * 1024;

  /** Most fields accepted in one record. */
  public static final int MAX_FIELDS = 4096;

  /** Largest EXECVE argc accepted. */
  public static final long MAX_ARGC = 1 << 20;

  /** Largest EXECVE aN_len accepted (a single argument is at most 128 KiB on Linux). */
  public static final long MAX_ARG_LEN = 1 << 24;

  private static final byte GS = 0x1d;
  private static final byte[] NODE = "node=".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] TYPE = "type=".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] MSG = "msg=audit(".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] UNKNOWN = "UNKNOWN[".getBytes(StandardCharsets.US_ASCII);
  private static final long NODE_WORD = word(NODE);
  private static final long TYPE_WORD = word(TYPE);
  private static final long MSG_WORD = word(MSG);

  private static final int TEMPLATE_SLOTS = 256;

  /** Longest line kept as a template (so that templates hold at most about 1 MiB of lines). */
  private static final int MAX_TEMPLATE_LINE = 4096;

  private static final int KIND_PLAIN = 0;
  private static final int KIND_STRING = 1;
  private static final int KIND_STRICT_HEX = 2;
  private static final int KIND_ARG = 3;

  /** Bits of a {@link KeyCache.Entry#info} that hold the kind (the same bits hold field flags). */
  private static final int KIND_BITS = AuditRecord.FLAG_BITS;

  private static final Set<String> STRING_KEYS =
      Set.of(
          "name",
          "exe",
          "comm",
          "cwd",
          "path",
          "key",
          "data",
          "cmd",
          "acct",
          "ocomm",
          "dir",
          "file",
          "watch",
          "new",
          "old",
          "root_dir",
          "grp",
          "new_group",
          "vm",
          "old-vm",
          "new-vm",
          "img-ctx",
          "old-disk",
          "new-disk",
          "device",
          "old-chardev",
          "new-chardev");

  private final int maxLineBytes;
  private KeyNames names = new KeyNames();
  private KeyCache keys = new KeyCache(names);
  private final KeyCache types = new KeyCache(null);
  private final Fields scratch = new Fields();

  /** The last record of each kind of record ({@link #templateSlot}), to take fields from. */
  private final Template[] templates = new Template[TEMPLATE_SLOTS];

  private byte[] lastNode = new byte[0];
  private String lastNodeString;

  /** A parser accepting lines up to {@link #DEFAULT_MAX_LINE_BYTES}. */
  public AuditRecordParser() {
    this(DEFAULT_MAX_LINE_BYTES);
  }

  /** A parser accepting lines up to {@code maxLineBytes} bytes. */
  public AuditRecordParser(int maxLineBytes) {
    if (maxLineBytes < 64) {
      throw new IllegalArgumentException("maxLineBytes must be at least 64, got " + maxLineBytes);
    }
    this.maxLineBytes = maxLineBytes;
  }

  /** The longest line this parser accepts. */
  public int maxLineBytes() {
    return maxLineBytes;
  }

  /** Parses the line in {@code buf[off, off+len)} (a trailing CR or LF is ignored). */
  public AuditRecord parse(byte[] buf, int off, int len) throws AuditParseException {
    while (len > 0 && (buf[off + len - 1] == '\n' || buf[off + len - 1] == '\r')) {
      len--;
    }
    if (len == 0) {
      throw new AuditParseException("EMPTY_LINE", "empty line");
    }
    if (len > maxLineBytes) {
      throw new AuditParseException(
          "TOO_LONG", "line of " + len + " bytes exceeds the limit of " + maxLineBytes);
    }
    byte[] line = Arrays.copyOfRange(buf, off, off + len);
    return parseOwned(line);
  }

  /**
   * Parses the payload of an audit netlink message ({@code audit(SEC.MSEC:SERIAL): k=v ...}) whose
   * nlmsg_type is {@code typeNumber}; the record's line is rebuilt as auditd writes it ({@code
   * type=NAME msg=audit(...): ...}, {@code UNKNOWN[N]} for unknown numbers).
   */
  public AuditRecord parseNetlink(int typeNumber, byte[] buf, int off, int len)
      throws AuditParseException {
    while (len > 0 && (buf[off + len - 1] == '\n' || buf[off + len - 1] == 0)) {
      len--;
    }
    String name = AuditRecordTypes.name(typeNumber);
    byte[] prefix =
        ("type=" + (name != null ? name : "UNKNOWN[" + typeNumber + "]") + " msg=")
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    if (len == 0) {
      throw new AuditParseException("EMPTY_LINE", "empty netlink payload of type " + typeNumber);
    }
    if (len + prefix.length > maxLineBytes) {
      throw new AuditParseException(
          "TOO_LONG", "payload of " + len + " bytes exceeds the limit of " + maxLineBytes);
    }
    byte[] line = new byte[prefix.length + len];
    System.arraycopy(prefix, 0, line, 0, prefix.length);
    System.arraycopy(buf, off, line, prefix.length, len);
    return parseOwned(line);
  }

  private AuditRecord parseOwned(byte[] line) throws AuditParseException {
    if (names.full()) {
      names = new KeyNames();
      keys = new KeyCache(names);
    }
    int end = line.length;
    int p = 0;
    String node = null;
    if (startsWith(line, 0, NODE, NODE_WORD)) {
      int s = NODE.length;
      int e = indexOf(line, s, end, (byte) ' ');
      if (e < 0) {
        throw new AuditParseException("MALFORMED_LINE", "node= prefix not followed by a space");
      }
      checkPlain(line, s, e);
      node = node(line, s, e);
      p = e + 1;
    }
    if (!startsWith(line, p, TYPE, TYPE_WORD)) {
      throw new AuditParseException("MALFORMED_LINE", "expected 'type=' at column " + p);
    }
    int ts = p + TYPE.length;
    int te = indexOf(line, ts, end, (byte) ' ');
    if (te <= ts) {
      throw new AuditParseException("MALFORMED_LINE", "record type not followed by ' msg=audit('");
    }
    checkPlain(line, ts, te);
    KeyCache.Entry typeEntry = typeEntry(line, ts, te - ts);
    String type = typeEntry.key;
    int typeNumber = typeEntry.typeNumber;
    if (typeNumber == KeyCache.Entry.UNSET) {
      typeNumber = typeNumber(line, ts, te, type);
      typeEntry.typeNumber = typeNumber;
    }
    p = te;
    while (p < end && line[p] == ' ') {
      p++;
    }
    if (!startsWith(line, p, MSG, MSG_WORD)) {
      throw new AuditParseException("MALFORMED_LINE", "expected 'msg=audit(' at column " + p);
    }
    p += MSG.length;
    int dot = p;
    long seconds = 0;
    while (dot < end && isDigit(line[dot]) && dot - p <= 12) {
      seconds = seconds * 10 + (line[dot] - '0');
      dot++;
    }
    if (dot == p || dot - p > 12 || dot >= end || line[dot] != '.') {
      throw new AuditParseException("MALFORMED_LINE", "bad timestamp seconds at column " + p);
    }
    int colon = dot + 1;
    int millis = 0;
    while (colon < end && isDigit(line[colon]) && colon - dot - 1 <= 3) {
      millis = millis * 10 + (line[colon] - '0');
      colon++;
    }
    if (colon == dot + 1 || colon - dot - 1 > 3 || colon >= end || line[colon] != ':') {
      throw new AuditParseException(
          "MALFORMED_LINE", "bad timestamp milliseconds at column " + dot);
    }
    if (colon - dot - 1 == 1) {
      millis *= 100;
    } else if (colon - dot - 1 == 2) {
      millis *= 10;
    }
    int close = colon + 1;
    long serial = 0;
    while (close < end && isDigit(line[close]) && close - colon - 1 <= 10) {
      serial = serial * 10 + (line[close] - '0');
      close++;
    }
    if (close == colon + 1 || close - colon - 1 > 10 || close >= end || line[close] != ')') {
      throw new AuditParseException("MALFORMED_LINE", "bad serial at column " + (colon + 1));
    }
    if (serial < 0 || serial > 0xffffffffL) {
      throw new AuditParseException("MALFORMED_LINE", "serial " + serial + " exceeds 2^32-1");
    }
    p = close + 1;
    if (p < end && line[p] == ':') {
      p++;
    } else if (p < end && line[p] != ' ') {
      throw new AuditParseException("MALFORMED_LINE", "expected ':' after ')' at column " + p);
    }
    Fields f = scratch;
    f.reset();
    boolean execve = "EXECVE".equals(type);
    int slot = execve ? -1 : templateSlot(line, p, end, type);
    Template tail = slot < 0 ? null : templates[slot];
    int spliceField = -1;
    int splice = -1;
    if (tail != null && tail.names == names) {
      spliceField = tail.firstFieldWithin(line, p, end);
      if (spliceField >= 0) {
        splice = tail.keyStarts[spliceField] + (end - tail.line.length);
      }
    }
    tokenize(line, p, end, 0, f, execve, tail, spliceField, splice);
    int[] fields = Arrays.copyOf(f.data, f.count * AuditRecord.STRIDE);
    AuditRecord record =
        new AuditRecord(
            line, node, type, typeNumber, seconds, millis, serial, fields, f.count, names.names);
    if (execve) {
      checkExecve(record);
    } else if (line.length <= MAX_TEMPLATE_LINE) {
      if (tail == null) {
        tail = new Template();
        templates[slot] = tail;
      }
      tail.remember(names, line, p, fields, f);
    }
    return record;
  }

  /**
   * Splits {@code line[p, end)} into fields. When the scan reaches a key at {@code splice} in the
   * state in which field {@code spliceField} of {@code tail} was read, the rest of the line is the
   * same bytes as the rest of that template's line, and its fields are taken from there.
   */
  private void tokenize(
      byte[] line,
      int p,
      int end,
      int baseFlags,
      Fields f,
      boolean execve,
      Template tail,
      int spliceField,
      int splice)
      throws AuditParseException {
    int flags = baseFlags;
    while (p < end) {
      byte b = line[p];
      if (b == ' ' || b == '\t') {
        p++;
        continue;
      }
      if (b == GS) {
        flags |= AuditRecord.ENRICHED;
        p++;
        continue;
      }
      if (b == '(' && (flags & AuditRecord.NESTED) != 0) {
        p++;
        continue;
      }
      if (p == splice && tail.splice(spliceField, flags, p, f)) {
        return;
      }
      int ks = p;
      long packed = 0;
      long high = 0;
      boolean scanned = false;
      if (p + 8 <= end) {
        long word = Swar.load(line, p);
        long equals = Swar.equalTo(word, (byte) '=');
        long stop = equals | Swar.below(word, '!');
        if (stop == 0 && p + 16 <= end) {
          long word2 = Swar.load(line, p + 8);
          long equals2 = Swar.equalTo(word2, (byte) '=');
          long stop2 = equals2 | Swar.below(word2, '!');
          if ((equals2 & stop2 & -stop2) != 0) {
            int k = Swar.first(stop2);
            packed = word;
            high = word2 & ((1L << (k << 3)) - 1);
            p += 8 + k;
            scanned = true;
          }
        } else if ((equals & stop & -stop) != 0) {
          int k = Swar.first(stop);
          packed = word & ((1L << (k << 3)) - 1);
          p += k;
          scanned = true;
        }
      }
      if (!scanned) {
        while (p < end) {
          byte c = line[p];
          if (c == '=') {
            break;
          }
          if (c <= ' ' && c >= 0) {
            if (c == ' ' || c == GS || c == '\t') {
              break;
            }
            throw control(line, p);
          }
          if (p - ks < 8) {
            packed |= (long) (c & 0xff) << ((p - ks) << 3);
          }
          p++;
        }
      }
      if (p >= end || line[p] != '=') {
        f.add(ks, ks, p - ks, flags | AuditRecord.BARE, keys.bare.info);
        continue;
      }
      if (p == ks) {
        throw new AuditParseException("MALFORMED_LINE", "field without a name at column " + ks);
      }
      int keyLength = p - ks;
      int key;
      if (keyLength <= 8) {
        key = keys.packed(packed, line, ks, keyLength);
      } else if (scanned && keyLength <= 16) {
        key = keys.wide(packed, high, line, ks, keyLength).info;
      } else {
        key = keys.entry(line, ks, keyLength).info;
      }
      p++;
      if (p < end && line[p] == '"') {
        int q = indexOfChecked(line, p + 1, end, (byte) '"');
        if (q < 0) {
          throw new AuditParseException(
              "MALFORMED_LINE",
              "unterminated quote in field '" + keys.name(key) + "' at column " + p);
        }
        f.add(ks, p + 1, q - p - 1, flags | AuditRecord.QUOTED, key);
        p = q + 1;
      } else if (p < end && line[p] == '\'') {
        int q = indexOfChecked(line, p + 1, end, (byte) '\'');
        if (q < 0) {
          q = indexOf(line, p + 1, end, GS);
          if (q < 0) {
            q = end;
          }
        }
        f.add(ks, p + 1, q - p - 1, flags | AuditRecord.SINGLE_QUOTED, key);
        if ((flags & AuditRecord.NESTED) == 0) {
          tokenize(line, p + 1, q, flags | AuditRecord.NESTED, f, false, null, -1, -1);
        }
        p = q < end && line[q] == '\'' ? q + 1 : q;
      } else if (p < end && line[p] == '{') {
        int q = indexOfChecked(line, p + 1, end, (byte) '}');
        if (q < 0) {
          throw new AuditParseException(
              "MALFORMED_LINE",
              "unterminated brace in field '" + keys.name(key) + "' at column " + p);
        }
        int vs = p + 1;
        int ve = q;
        while (vs < ve && line[vs] == ' ') {
          vs++;
        }
        while (ve > vs && line[ve - 1] == ' ') {
          ve--;
        }
        f.add(ks, vs, ve - vs, flags | AuditRecord.BRACED, key);
        p = q + 1;
      } else {
        int vs = p;
        while (p + 8 <= end) {
          long stopAt = Swar.below(Swar.load(line, p), '!');
          if (stopAt != 0) {
            p += Swar.first(stopAt);
            break;
          }
          p += 8;
        }
        while (p < end) {
          byte c = line[p];
          if (c <= ' ' && c >= 0) {
            if (c == ' ' || c == GS || c == '\t') {
              break;
            }
            throw control(line, p);
          }
          p++;
        }
        int ve = p;
        if ((flags & AuditRecord.NESTED) != 0) {
          while (ve > vs && (line[ve - 1] == ',' || line[ve - 1] == ')')) {
            ve--;
          }
        }
        int kind = key & KIND_BITS;
        int hex = 0;
        if (kind != KIND_PLAIN && (kind != KIND_ARG || execve) && ve > vs) {
          hex = hexFlag(line, vs, ve - vs, kind, keys.name(key));
        }
        f.add(ks, vs, ve - vs, flags | hex, key);
      }
      if (f.count > MAX_FIELDS) {
        throw new AuditParseException("TOO_MANY_FIELDS", "more than " + MAX_FIELDS + " fields");
      }
    }
  }

  /**
   * The template slot of a record of {@code type} whose fields are {@code line[p, end)}: by type
   * and the first 24 bytes (for SYSCALL: the architecture and the system call number).
   */
  private static int templateSlot(byte[] line, int p, int end, String type) {
    long m = 0x9e3779b97f4a7c15L;
    long h = type.hashCode();
    if (p + 24 <= end) {
      h = (h ^ Swar.load(line, p)) * m;
      h = (h ^ Swar.load(line, p + 8)) * m;
      h = (h ^ Swar.load(line, p + 16)) * m;
    } else {
      for (int i = p; i < end; i++) {
        h = (h ^ line[i]) * m;
      }
    }
    return (int) (h >>> 56);
  }

  private static void checkExecve(AuditRecord r) throws AuditParseException {
    for (int i = 0; i < r.fieldCount(); i++) {
      String key = r.key(i);
      if (key.equals("argc")) {
        long argc = r.decimal(i, -1);
        if (argc < 0 || argc > MAX_ARGC) {
          throw new AuditParseException(
              "ABSURD_LENGTH", "EXECVE argc=" + r.rawValue(i) + " is not in 0.." + MAX_ARGC);
        }
      } else if (key.endsWith("_len")) {
        long argLen = r.decimal(i, -1);
        if (argLen < 0 || argLen > MAX_ARG_LEN) {
          throw new AuditParseException(
              "ABSURD_LENGTH",
              "EXECVE " + key + "=" + r.rawValue(i) + " is not in 0.." + MAX_ARG_LEN);
        }
      }
    }
  }

  private static int indexOfChecked(byte[] line, int from, int end, byte b)
      throws AuditParseException {
    int i = from;
    while (i + 8 <= end) {
      long word = Swar.load(line, i);
      long hit = Swar.equalTo(word, b) | Swar.below(word, ' ');
      if (hit == 0) {
        i += 8;
        continue;
      }
      i += Swar.first(hit);
      byte c = line[i];
      if (c == b) {
        return i;
      }
      if (c != GS && c != '\t') {
        throw control(line, i);
      }
      i++;
    }
    for (; i < end; i++) {
      byte c = line[i];
      if (c == b) {
        return i;
      }
      if (c < ' ' && c >= 0 && c != GS && c != '\t') {
        throw control(line, i);
      }
    }
    return -1;
  }

  private static void checkPlain(byte[] line, int from, int end) throws AuditParseException {
    for (int i = from; i < end; i++) {
      byte c = line[i];
      if (c < ' ' && c >= 0) {
        throw control(line, i);
      }
    }
  }

  private static AuditParseException control(byte[] line, int at) {
    return new AuditParseException(
        "CONTROL_CHARACTER",
        String.format(
            "raw control byte 0x%02x at column %d (audit hex-encodes those)", line[at], at));
  }

  /** The cache entry of the type name in {@code line[off, off+len)}, which has no control byte. */
  private KeyCache.Entry typeEntry(byte[] line, int off, int len) {
    if (len > 16) {
      return types.entry(line, off, len);
    }
    long low = packWord(line, off, Math.min(len, 8));
    long high = len > 8 ? packWord(line, off + 8, len - 8) : 0;
    return types.wide(low, high, line, off, len);
  }

  /** The {@code len} (1 to 8) bytes at {@code off}, little-endian in a long. */
  private static long packWord(byte[] line, int off, int len) {
    if (off + 8 <= line.length) {
      long word = Swar.load(line, off);
      return len == 8 ? word : word & ((1L << (len << 3)) - 1);
    }
    long word = 0;
    for (int i = 0; i < len; i++) {
      word |= (long) (line[off + i] & 0xff) << (i << 3);
    }
    return word;
  }

  private static int typeNumber(byte[] line, int ts, int te, String type) {
    if (te - ts > UNKNOWN.length + 1 && startsWith(line, ts, UNKNOWN) && line[te - 1] == ']') {
      return (int)
          Numbers.parseDecimal(line, ts + UNKNOWN.length, te - 1 - ts - UNKNOWN.length, -1);
    }
    return AuditRecordTypes.number(type);
  }

  private String node(byte[] line, int s, int e) {
    int n = e - s;
    if (n == lastNode.length && Arrays.equals(line, s, e, lastNode, 0, n)) {
      return lastNodeString;
    }
    lastNode = Arrays.copyOfRange(line, s, e);
    lastNodeString = Text.decode(line, s, n);
    return lastNodeString;
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }

  /** Like {@link #startsWith(byte[], int, byte[])}; {@code word} is {@link #word} of prefix. */
  private static boolean startsWith(byte[] line, int at, byte[] prefix, long word) {
    int n = prefix.length;
    if (line.length - at < n || at + 8 > line.length) {
      return startsWith(line, at, prefix);
    }
    int head = Math.min(n, 8);
    long mask = head == 8 ? -1L : (1L << (head << 3)) - 1;
    if ((Swar.load(line, at) & mask) != word) {
      return false;
    }
    for (int i = 8; i < n; i++) {
      if (line[at + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /** The first (up to) 8 bytes of {@code prefix}, little-endian in a long. */
  private static long word(byte[] prefix) {
    long w = 0;
    for (int i = 0; i < Math.min(8, prefix.length); i++) {
      w |= (long) (prefix[i] & 0xff) << (i << 3);
    }
    return w;
  }

  private static boolean startsWith(byte[] line, int at, byte[] prefix) {
    if (line.length - at < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (line[at + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(byte[] line, int from, int end, byte b) {
    for (int i = from; i < end; i++) {
      if (line[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private static int kindOf(String key) {
    if (key.equals("proctitle")) {
      return KIND_STRICT_HEX;
    }
    if (STRING_KEYS.contains(key)) {
      return KIND_STRING;
    }
    if (isArgKey(key)) {
      return KIND_ARG;
    }
    return KIND_PLAIN;
  }

  /** Whether {@code key} is an EXECVE argument key: aN or aN[i]. */
  static boolean isArgKey(String key) {
    int n = key.length();
    if (n < 2 || key.charAt(0) != 'a') {
      return false;
    }
    int i = 1;
    while (i < n && Character.isDigit(key.charAt(i))) {
      i++;
    }
    if (i == 1) {
      return false;
    }
    if (i == n) {
      return true;
    }
    if (key.charAt(i) != '[' || key.charAt(n - 1) != ']' || i + 2 >= n) {
      return false;
    }
    for (int k = i + 1; k < n - 1; k++) {
      if (!Character.isDigit(key.charAt(k))) {
        return false;
      }
    }
    return true;
  }

  /** Growable field table. */
  private static final class Fields {
    int[] data = new int[AuditRecord.STRIDE * 64];
    int[] keyStarts = new int[64];
    int count;

    void reset() {
      count = 0;
    }

    /**
     * Adds a field whose key starts at {@code ks}; {@code key} is a {@link KeyCache.Entry#info}
     * (its kind bits are dropped).
     */
    void add(int ks, int vs, int vl, int flags, int key) {
      int base = count * AuditRecord.STRIDE;
      if (base == data.length) {
        grow();
      }
      data[base] = vs;
      data[base + 1] = vl;
      data[base + 2] = flags | (key & ~KIND_BITS);
      keyStarts[count] = ks;
      count++;
    }

    /** Adds field {@code k} of a template, its offsets moved by {@code delta}. */
    void copy(int[] fields, int[] starts, int k, int delta) {
      int base = count * AuditRecord.STRIDE;
      if (base == data.length) {
        grow();
      }
      int from = k * AuditRecord.STRIDE;
      data[base] = fields[from] + delta;
      data[base + 1] = fields[from + 1];
      data[base + 2] = fields[from + 2];
      keyStarts[count] = starts[k] + delta;
      count++;
    }

    private void grow() {
      data = Arrays.copyOf(data, data.length * 2);
      keyStarts = Arrays.copyOf(keyStarts, keyStarts.length * 2);
    }
  }

  /**
   * The fields of the last record of one type, with where each key starts: when the next record of
   * that type ends with the same bytes from one of those keys on, and the scan reaches that key in
   * the same state, the fields from there on are these, moved. Tokenizing depends only on the bytes
   * from a key to the end of the line, the ENRICHED state and the key table, so the result is the
   * same as scanning them again.
   */
  private static final class Template {
    KeyNames names;
    byte[] line;
    int bodyStart;
    int[] fields;
    int count;
    int[] keyStarts = new int[64];

    void remember(KeyNames names, byte[] line, int bodyStart, int[] fields, Fields f) {
      this.names = names;
      this.line = line;
      this.bodyStart = bodyStart;
      this.fields = fields;
      this.count = f.count;
      if (keyStarts.length < f.count) {
        keyStarts = new int[f.keyStarts.length];
      }
      System.arraycopy(f.keyStarts, 0, keyStarts, 0, f.count);
    }

    /**
     * The first top-level field of this template whose key and everything after it are also the end
     * of {@code line[from, end)}, or -1.
     */
    int firstFieldWithin(byte[] other, int from, int end) {
      byte[] mine = line;
      int i = mine.length;
      int j = end;
      int stop = Math.max(bodyStart, i - (end - from));
      while (i - 8 >= stop && Swar.load(mine, i - 8) == Swar.load(other, j - 8)) {
        i -= 8;
        j -= 8;
      }
      while (i > stop && mine[i - 1] == other[j - 1]) {
        i--;
        j--;
      }
      if (i == mine.length) {
        return -1;
      }
      for (int k = 0; k < count; k++) {
        if (keyStarts[k] >= i && (fields[k * AuditRecord.STRIDE + 2] & AuditRecord.NESTED) == 0) {
          return k;
        }
      }
      return -1;
    }

    /**
     * Appends fields {@code k} onwards, moved to a line where field {@code k}'s key is at {@code
     * at}, if that field was read in state {@code flags} and the total stays within {@link
     * #MAX_FIELDS}; else false.
     */
    boolean splice(int k, int flags, int at, Fields f) {
      if ((fields[k * AuditRecord.STRIDE + 2] & AuditRecord.ENRICHED) != flags
          || f.count + (count - k) > MAX_FIELDS) {
        return false;
      }
      int delta = at - keyStarts[k];
      for (int j = k; j < count; j++) {
        f.copy(fields, keyStarts, j, delta);
      }
      return true;
    }
  }

  /**
   * {@link AuditRecord#HEX} when the non-empty value of a field of this {@code kind} is hex, else
   * 0; refuses a value that must be hex but is not (STRING values may also be plain text).
   */
  private static int hexFlag(byte[] line, int vs, int vl, int kind, String key)
      throws AuditParseException {
    if (Hex.isHex(line, vs, vl)) {
      return AuditRecord.HEX;
    }
    if (kind != KIND_STRING && !isPlaceholder(line, vs, vl)) {
      throw new AuditParseException(
          "BAD_HEX",
          "field '"
              + key
              + "' must be quoted or hex-encoded, got "
              + Math.min(vl, 64)
              + " bytes starting '"
              + new String(line, vs, Math.min(vl, 64), StandardCharsets.ISO_8859_1)
              + "'");
    }
    return 0;
  }

  private static boolean isPlaceholder(byte[] line, int vs, int vl) {
    return (vl == 1 && line[vs] == '?') || (vl == 6 && line[vs] == '(' && line[vs + 5] == ')');
  }

  /**
   * The key names of the records of one parser, append-only: a record keeps the array and each of
   * its fields the index of its key, so a field costs no reference of its own. When the table holds
   * too many names or characters, the parser starts a new one (records keep the old array).
   */
  private static final class KeyNames {
    private static final int MAX_NAMES = 8192;
    private static final long MAX_CHARS = 1 << 20;

    String[] names = new String[128];
    int size;
    long chars;

    /** Adds {@code key} and returns its index. */
    int add(String key) {
      if (size > AuditRecord.MAX_NAME) {
        throw new IllegalStateException("key name table overflow at " + size + " names");
      }
      if (size == names.length) {
        names = Arrays.copyOf(names, size * 2);
      }
      names[size] = key;
      chars += key.length();
      return size++;
    }

    /**
     * Whether a new table should be started before the next line (one line adds at most {@link
     * #MAX_FIELDS} + 1 names, so the indexes stay below {@link AuditRecord#MAX_NAME}).
     */
    boolean full() {
      return size >= MAX_NAMES || chars >= MAX_CHARS;
    }
  }

  /**
   * Small cache from key bytes to strings and their key kind. Entries that are hit often are
   * protected: a miss only evicts an entry whose hit count has decayed to zero, so a flood of rare
   * keys (EXECVE a0..a999) does not push out the common ones.
   */
  private static final class KeyCache {
    private static final int SIZE = 4096;
    private static final int PACKED_BITS = 10;
    private static final int MAX_KEY = 48;
    private static final int MAX_HITS = 64;

    static final class Entry {
      final byte[] bytes;
      final int length;
      final String key;
      final int kind;
      final int code;

      /**
       * The key's kind in the flag bits, its code and name index shifted into place for a field's
       * third slot.
       */
      final int info;

      /** The record type number when this is a type name, once the parser has computed it. */
      int typeNumber = UNSET;

      int hits;

      static final int UNSET = Integer.MIN_VALUE;

      Entry(byte[] bytes, String key, int kind, KeyNames names) {
        this.bytes = bytes;
        this.length = bytes == null ? -1 : bytes.length;
        this.key = key;
        this.kind = kind;
        this.code = AuditFieldKeys.code(key);
        int name = names == null ? 0 : names.add(key);
        this.info = kind | (code << AuditRecord.CODE_SHIFT) | (name << AuditRecord.NAME_SHIFT);
      }
    }

    private final KeyNames names;

    /** The entry of the empty key of BARE words. */
    final Entry bare;

    private final Entry[] table = new Entry[SIZE];
    private final long[] packedKeys = new long[1 << PACKED_BITS];
    private final int[] packedInfo = new int[1 << PACKED_BITS];
    private final long[] wideLow = new long[1 << PACKED_BITS];
    private final long[] wideHigh = new long[1 << PACKED_BITS];
    private final Entry[] wideEntries = new Entry[1 << PACKED_BITS];

    /** A cache registering its keys in {@code names} (null: keys get no name index). */
    KeyCache(KeyNames names) {
      this.names = names;
      this.bare = new Entry(new byte[0], "", KIND_PLAIN, names);
    }

    /**
     * The {@link Entry#info} of a key of at most 8 bytes, given packed little-endian into a long
     * (key bytes are never zero, so the packed value tells the length too). A direct-mapped table
     * in front of {@link #entry}: a miss replaces the slot, and {@link #entry} keeps the strings.
     */
    int packed(long packed, byte[] buf, int off, int len) {
      int slot = (int) ((packed * 0x9e3779b97f4a7c15L) >>> (64 - PACKED_BITS));
      if (packedKeys[slot] == packed) {
        return packedInfo[slot];
      }
      int info = entry(buf, off, len).info;
      packedKeys[slot] = packed;
      packedInfo[slot] = info;
      return info;
    }

    /**
     * The entry of a key of 1 to 16 bytes, given packed little-endian into two longs ({@code high}
     * holds bytes 8 to 15, zero when there are none; key bytes are never zero).
     */
    Entry wide(long low, long high, byte[] buf, int off, int len) {
      int slot =
          (int)
              (((low * 0x9e3779b97f4a7c15L) ^ (high * 0xc2b2ae3d27d4eb4fL)) >>> (64 - PACKED_BITS));
      Entry e = wideEntries[slot];
      if (e != null && wideLow[slot] == low && wideHigh[slot] == high) {
        return e;
      }
      e = entry(buf, off, len);
      wideLow[slot] = low;
      wideHigh[slot] = high;
      wideEntries[slot] = e;
      return e;
    }

    /** The key whose {@link Entry#info} is {@code info}. */
    String name(int info) {
      return names.names[info >>> AuditRecord.NAME_SHIFT];
    }

    private static boolean same(byte[] a, byte[] buf, int off, int len) {
      for (int i = 0; i < len; i++) {
        if (a[i] != buf[off + i]) {
          return false;
        }
      }
      return true;
    }

    Entry entry(byte[] buf, int off, int len) {
      if (len > MAX_KEY) {
        String key = Text.decode(buf, off, len);
        return new Entry(null, key, kindOf(key), names);
      }
      int h = len;
      for (int i = off, end = off + len; i < end; i++) {
        h = 31 * h + buf[i];
      }
      h *= 0x9e3779b9;
      int slot = (h >>> 20) & (SIZE - 2);
      for (int way = slot; way <= slot + 1; way++) {
        Entry e = table[way];
        if (e != null && e.length == len && same(e.bytes, buf, off, len)) {
          if (e.hits < MAX_HITS) {
            e.hits++;
          }
          return e;
        }
      }
      String key = Text.decode(buf, off, len);
      Entry fresh = new Entry(Arrays.copyOfRange(buf, off, off + len), key, kindOf(key), names);
      Entry a = table[slot];
      Entry b = table[slot + 1];
      if (a == null || --a.hits <= 0) {
        table[slot] = fresh;
      } else if (b == null || --b.hits <= 0) {
        table[slot + 1] = fresh;
      }
      return fresh;
    }
  }
}
