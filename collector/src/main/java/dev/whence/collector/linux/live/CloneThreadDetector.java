package dev.whence.collector.linux.live;

import dev.whence.avro.Event;
import dev.whence.avro.Operation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Tells threads from processes among the children of {@code clone3}, live on the traced host.
 *
 * <p>{@code clone(2)} passes its flags in a register, so audit shows them ({@code a0}) and {@code
 * CLONE_THREAD} is known from the record. {@code clone3(2)} passes a pointer to {@code struct
 * clone_args} ({@code a0}) and its size ({@code a1}): the flags stay in user memory, which audit
 * does not record, so the record alone cannot say whether the child ({@code exit=} its id) is a
 * thread. Audit's {@code pid=} is the thread group id, so a thread never shows up under its own id
 * later, which cannot be told apart from a child that makes no audited call. This detector looks
 * instead at {@code /proc/CHILD/status} while the child exists: its {@code Tgid} equals the
 * parent's pid for a thread of the parent and the child's own id for a process. A thread is marked
 * with the flags every thread has ({@link #THREAD_FLAGS}: {@code
 * CLONE_THREAD|CLONE_SIGHAND|CLONE_VM}), so the graph folds it into its process as for {@code
 * clone}; every inspected event also gets {@link #RAW_KEY} in its raw map ({@code thread}, {@code
 * process} or {@code unknown}) so that the inference is visible.
 *
 * <p>Limits: a child that exited before the collector looked is {@code unknown} (it is then shown
 * as a child process, as before); a recorded file replayed later cannot be inspected at all. A
 * child id reused in between by another thread of the same parent would be taken for a thread,
 * which needs the id space to wrap during the collector's delay.
 */
public final class CloneThreadDetector {

  /** {@code CLONE_VM | CLONE_SIGHAND | CLONE_THREAD}: the flags a thread is always created with. */
  public static final long THREAD_FLAGS = 0x100 | 0x800 | 0x10000;

  /** The raw-map key of the verdict. */
  public static final String RAW_KEY = "WHENCE.clone3_child";

  /** What {@code /proc} said about a child. */
  public enum Verdict {
    /** A thread of the parent. */
    THREAD,
    /** A process of its own. */
    PROCESS,
    /** Gone, unreadable, or not related to the parent. */
    UNKNOWN
  }

  private final Path proc;

  /**
   * @param proc the proc file system's root ({@code /proc} on the host)
   */
  public CloneThreadDetector(Path proc) {
    this.proc = proc;
  }

  /** The detector of this host. */
  public static CloneThreadDetector ofHost() {
    return new CloneThreadDetector(Path.of("/proc"));
  }

  /** Whether {@code child}, created by process {@code parentPid}, is a thread of it. */
  public Verdict classify(long parentPid, long child) {
    if (parentPid <= 0 || child <= 0 || child > Integer.MAX_VALUE) {
      return Verdict.UNKNOWN;
    }
    long tgid = tgid(child);
    if (tgid == child) {
      return Verdict.PROCESS;
    }
    return tgid == parentPid ? Verdict.THREAD : Verdict.UNKNOWN;
  }

  /**
   * Inspects a successful {@code clone3} event whose flags are unknown: a thread gets {@link
   * #THREAD_FLAGS}; the verdict goes to the raw map. Other events are left alone.
   */
  public void annotate(Event event) {
    if (event.getOperation() != Operation.CLONE
        || event.getFlags() != null
        || event.getAction() == null
        || !"clone3".equals(event.getAction().toString())
        || !event.getSuccess()
        || event.getReturnValue() == null
        || event.getSubject() == null) {
      return;
    }
    Verdict verdict = classify(event.getSubject().getPid(), event.getReturnValue());
    if (verdict == Verdict.THREAD) {
      event.setFlags(THREAD_FLAGS);
    }
    Map<String, String> raw = new HashMap<>(event.getRaw());
    raw.put(RAW_KEY, verdict.name().toLowerCase(Locale.ROOT));
    event.setRaw(raw);
  }

  private long tgid(long id) {
    Path status = proc.resolve(Long.toString(id)).resolve("status");
    try {
      for (String line : Files.readAllLines(status, StandardCharsets.ISO_8859_1)) {
        if (line.startsWith("Tgid:")) {
          return Long.parseLong(line.substring(5).strip());
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }
}
