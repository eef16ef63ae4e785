package dev.whence.collector.linux.live.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The kernel's {@code struct audit_status} (uapi linux/audit.h): eleven 32-bit fields in host
 * order. Replies from older kernels may be shorter; missing trailing fields read as 0. Counters are
 * unsigned in the kernel and are kept here as {@code long}.
 *
 * @param mask which fields an AUDIT_SET applies ({@code MASK_*} bits)
 * @param enabled 0 off, 1 on, 2 locked until reboot
 * @param failure what the kernel does on a failure to log (0 silent, 1 printk, 2 panic)
 * @param pid process registered as the audit daemon, 0 when none
 * @param rateLimit messages per second, 0 unlimited
 * @param backlogLimit maximum records waiting in the kernel queue
 * @param lost records the kernel counted as lost since boot
 * @param backlog records waiting in the queue now
 * @param featureBitmap kernel audit features (formerly the API version)
 * @param backlogWaitTime jiffies a task waits when the queue is full before the record is lost
 * @param backlogWaitTimeActual jiffies tasks have waited in total
 */
public record AuditStatus(
    long mask,
    long enabled,
    long failure,
    long pid,
    long rateLimit,
    long backlogLimit,
    long lost,
    long backlog,
    long featureBitmap,
    long backlogWaitTime,
    long backlogWaitTimeActual) {

  /** Size of the full structure. */
  public static final int LENGTH = 44;

  public static final int MASK_ENABLED = 0x1;
  public static final int MASK_FAILURE = 0x2;
  public static final int MASK_PID = 0x4;
  public static final int MASK_RATE_LIMIT = 0x8;
  public static final int MASK_BACKLOG_LIMIT = 0x10;
  public static final int MASK_BACKLOG_WAIT_TIME = 0x20;
  public static final int MASK_LOST = 0x40;
  public static final int MASK_BACKLOG_WAIT_TIME_ACTUAL = 0x80;

  /** Feature bit: the kernel understands backlog_wait_time. */
  public static final int FEATURE_BACKLOG_WAIT_TIME = 0x2;

  /** A status that sets only the fields in {@code mask}; the other values are ignored. */
  public static AuditStatus set(
      int mask, long enabled, long pid, long backlogLimit, long backlogWaitTime) {
    return new AuditStatus(mask, enabled, 0, pid, 0, backlogLimit, 0, 0, 0, backlogWaitTime, 0);
  }

  /** Decodes a reply payload; fields beyond its length are 0. */
  public static AuditStatus decode(byte[] payload) {
    ByteBuffer in = ByteBuffer.wrap(payload).order(ByteOrder.nativeOrder());
    long[] f = new long[11];
    for (int i = 0; i < f.length && in.remaining() >= 4; i++) {
      f[i] = Integer.toUnsignedLong(in.getInt());
    }
    return new AuditStatus(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9], f[10]);
  }

  /** Encodes all eleven fields. */
  public byte[] encode() {
    ByteBuffer out = ByteBuffer.allocate(LENGTH).order(ByteOrder.nativeOrder());
    for (long v :
        new long[] {
          mask,
          enabled,
          failure,
          pid,
          rateLimit,
          backlogLimit,
          lost,
          backlog,
          featureBitmap,
          backlogWaitTime,
          backlogWaitTimeActual
        }) {
      out.putInt((int) v);
    }
    return out.array();
  }
}
