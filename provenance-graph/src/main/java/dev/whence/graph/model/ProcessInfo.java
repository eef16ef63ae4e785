package dev.whence.graph.model;

import java.util.List;

/**
 * The process (thread) that performed an event, as the source described it at that moment. Every
 * field but {@code pid} may be null; {@code pid} is null only in malformed input, which the builder
 * rejects. Ids are unsigned 32-bit values held in a long; strings are untrusted.
 *
 * @param pid process id (thread-group id on Linux)
 * @param tid thread id when it differs from pid; threads are folded into their process
 * @param ppid parent process id
 * @param uid real user id
 * @param euid effective user id
 * @param gid real group id
 * @param egid effective group id
 * @param auid audit (login) user id; 4294967295 when unset
 * @param sessionId audit session id
 * @param comm short command name
 * @param exe path of the executable image
 * @param argv command-line arguments when the event carries them, never null
 * @param cwd current working directory
 */
public record ProcessInfo(
    Integer pid,
    Integer tid,
    Integer ppid,
    Long uid,
    Long euid,
    Long gid,
    Long egid,
    Long auid,
    Long sessionId,
    String comm,
    String exe,
    List<String> argv,
    String cwd) {

  /** The unset audit user id. */
  public static final long UNSET_ID = 4294967295L;

  /** Copies argv defensively and replaces a null argv by an empty list. */
  public ProcessInfo {
    argv = argv == null ? List.of() : immutableArgv(argv);
  }

  /** {@code argv} as an immutable list (itself when it already is one), a null shown as "null". */
  private static List<String> immutableArgv(List<String> argv) {
    for (String a : argv) {
      if (a == null) {
        String[] copy = new String[argv.size()];
        int i = 0;
        for (String b : argv) {
          copy[i++] = String.valueOf(b);
        }
        return List.of(copy);
      }
    }
    return List.copyOf(argv);
  }

  /** A subject known only by its pid. */
  public static ProcessInfo ofPid(int pid) {
    return new ProcessInfo(
        pid, null, null, null, null, null, null, null, null, null, null, null, null);
  }
}
