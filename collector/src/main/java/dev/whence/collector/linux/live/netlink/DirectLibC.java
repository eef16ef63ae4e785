package dev.whence.collector.linux.live.netlink;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The libc call on the record path, bound by JNA direct mapping (a plain JNI call, no proxy or
 * argument conversion per call): recvmmsg runs once per batch of records.
 */
final class DirectLibC {

  static {
    Native.register(Platform.C_LIBRARY_NAME);
  }

  private DirectLibC() {}

  static native int recvmmsg(int fd, Pointer messages, int count, int flags, Pointer timeout)
      throws LastErrorException;
}
