package dev.whence.collector.linux.live.netlink;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

/** Sets the calling thread's nice value (Linux: setpriority on the thread id). */
public final class ThreadNice {

  private static final int PRIO_PROCESS = 0;

  private ThreadNice() {}

  /**
   * Gives the calling thread nice value {@code nice} (-20..19; below 0 needs CAP_SYS_NICE). Returns
   * false, changing nothing, when the thread id is unknown or the kernel refused.
   */
  public static boolean setCurrent(int nice) {
    if (nice < -20 || nice > 19) {
      throw new IllegalArgumentException("nice value outside -20..19: " + nice);
    }
    OptionalInt tid = currentThreadId();
    if (tid.isEmpty()) {
      return false;
    }
    try {
      LibC.INSTANCE.setpriority(PRIO_PROCESS, tid.getAsInt(), nice);
      return true;
    } catch (LastErrorException | UnsatisfiedLinkError e) {
      return false;
    }
  }

  /** The kernel's id of the calling thread, from /proc/thread-self (PID/task/TID). */
  static OptionalInt currentThreadId() {
    try {
      Path link = Files.readSymbolicLink(Path.of("/proc/thread-self"));
      return OptionalInt.of(Integer.parseInt(link.getFileName().toString()));
    } catch (IOException | UnsupportedOperationException | NumberFormatException e) {
      return OptionalInt.empty();
    }
  }
}
