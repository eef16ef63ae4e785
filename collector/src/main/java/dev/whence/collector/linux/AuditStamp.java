package dev.whence.collector.linux;

/**
 * Reads the serial from the stamp at the start of a raw audit line that did not parse as a whole,
 * so that a refused record can still be counted by completeness. Only a line whose start is exactly
 * {@code [node=NAME ]type=NAME msg=audit(SECONDS.MILLIS:SERIAL)} is trusted: the stamp is written
 * by the kernel (netlink) or auditd before any field an attacker controls, so a well-formed start
 * is theirs. For anything else (an empty or torn line, a damaged stamp) the serial is unknown and
 * -1 is returned.
 */
public final class AuditStamp {

  private static final byte[] NODE = ascii("node=");
  private static final byte[] TYPE = ascii("type=");
  private static final byte[] MSG = ascii("msg=");
  private static final byte[] AUDIT = ascii("audit(");

  private AuditStamp() {}

  /** The serial of the line {@code buf[off, off+len)}, or -1 when its start is not a stamp. */
  public static long serialOfLine(byte[] buf, int off, int len) {
    int end = off + len;
    int p = off;
    if (startsWith(buf, p, end, NODE)) {
      p = word(buf, p + NODE.length, end);
      if (p < 0 || p >= end || buf[p] != ' ') {
        return -1;
      }
      p++;
    }
    if (!startsWith(buf, p, end, TYPE)) {
      return -1;
    }
    p = word(buf, p + TYPE.length, end);
    if (p < 0 || p >= end || buf[p] != ' ') {
      return -1;
    }
    while (p < end && buf[p] == ' ') {
      p++;
    }
    if (!startsWith(buf, p, end, MSG)) {
      return -1;
    }
    return serialOfPayload(buf, p + MSG.length, end - p - MSG.length);
  }

  /**
   * The serial of a netlink payload {@code audit(SECONDS.MILLIS:SERIAL): ...} in {@code buf[off,
   * off+len)}, or -1 when it does not start with a stamp.
   */
  public static long serialOfPayload(byte[] buf, int off, int len) {
    int end = off + len;
    if (!startsWith(buf, off, end, AUDIT)) {
      return -1;
    }
    int p = off + AUDIT.length;
    int q = digits(buf, p, end, 12);
    if (q < 0 || q >= end || buf[q] != '.') {
      return -1;
    }
    p = q + 1;
    q = digits(buf, p, end, 3);
    if (q < 0 || q >= end || buf[q] != ':') {
      return -1;
    }
    p = q + 1;
    q = digits(buf, p, end, 10);
    if (q < 0 || q >= end || buf[q] != ')') {
      return -1;
    }
    long serial = 0;
    for (int i = p; i < q; i++) {
      serial = serial * 10 + (buf[i] - '0');
    }
    return serial <= 0xFFFFFFFFL ? serial : -1;
  }

  private static int digits(byte[] buf, int from, int end, int max) {
    int i = from;
    while (i < end && buf[i] >= '0' && buf[i] <= '9') {
      i++;
    }
    return i == from || i - from > max ? -1 : i;
  }

  private static int word(byte[] buf, int from, int end) {
    int i = from;
    while (i < end && buf[i] > ' ' && buf[i] < 0x7f) {
      i++;
    }
    return i == from ? -1 : i;
  }

  private static boolean startsWith(byte[] buf, int at, int end, byte[] prefix) {
    if (at < 0 || end - at < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (buf[at + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }
}
