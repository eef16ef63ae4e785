package dev.whence.collector.linux.live.netlink;

/** The Linux errno values the audit netlink code tells apart. */
final class Errno {
  static final int EPERM = 1;
  static final int ENOENT = 2;
  static final int EINTR = 4;
  static final int EAGAIN = 11;
  static final int EACCES = 13;
  static final int EEXIST = 17;
  static final int EINVAL = 22;
  static final int EPROTONOSUPPORT = 93;
  static final int EAFNOSUPPORT = 97;
  static final int ENOBUFS = 105;
  static final int ECONNREFUSED = 111;

  private Errno() {}

  static String name(int errno) {
    return switch (errno) {
      case EPERM -> "EPERM";
      case ENOENT -> "ENOENT";
      case EINTR -> "EINTR";
      case EAGAIN -> "EAGAIN";
      case EACCES -> "EACCES";
      case EEXIST -> "EEXIST";
      case EINVAL -> "EINVAL";
      case EPROTONOSUPPORT -> "EPROTONOSUPPORT";
      case EAFNOSUPPORT -> "EAFNOSUPPORT";
      case ENOBUFS -> "ENOBUFS";
      case ECONNREFUSED -> "ECONNREFUSED";
      default -> "errno " + errno;
    };
  }
}
