package dev.whence.collector.linux.live;

/**
 * Reads the serial of a raw audit line: the number after the colon in {@code
 * msg=audit(SECONDS.MILLIS:SERIAL):}. The stamp comes before any field an attacker controls, so the
 * first {@code msg=audit(} is the kernel's.
 */
public final class AuditSerial {

  private static final byte[] MARK =
      "msg=audit(".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private AuditSerial() {}

  /** The serial of the line in {@code buffer[offset, offset+length)}, or -1 when it has none. */
  public static long of(byte[] buffer, int offset, int length) {
    int end = offset + length;
    int at = indexOf(buffer, offset, end);
    if (at < 0) {
      return -1;
    }
    int i = at + MARK.length;
    while (i < end && buffer[i] != ':' && buffer[i] != ')') {
      i++;
    }
    if (i >= end || buffer[i] != ':') {
      return -1;
    }
    i++;
    long serial = 0;
    int digits = 0;
    while (i < end && buffer[i] >= '0' && buffer[i] <= '9' && digits < 19) {
      serial = serial * 10 + (buffer[i] - '0');
      i++;
      digits++;
    }
    return digits > 0 && i < end && buffer[i] == ')' ? serial : -1;
  }

  private static int indexOf(byte[] buffer, int from, int end) {
    outer:
    for (int i = from; i + MARK.length <= end; i++) {
      for (int j = 0; j < MARK.length; j++) {
        if (buffer[i + j] != MARK[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
