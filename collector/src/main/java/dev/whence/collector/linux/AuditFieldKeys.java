package dev.whence.collector.linux;

import java.util.HashMap;
import java.util.Map;

/**
 * Small integer codes for the field names the normalizer looks up, so that it can dispatch on
 * {@link AuditRecord#keyCode(int)} instead of comparing strings. Every other name has code {@link
 * #OTHER}. The parser assigns codes by exact (case-sensitive) name, so ENRICHED upper-case names
 * never get the code of their lower-case counterpart.
 */
public final class AuditFieldKeys {

  /** Any name without a code of its own. */
  public static final int OTHER = 0;

  public static final int PID = 1;
  public static final int PPID = 2;
  public static final int UID = 3;
  public static final int EUID = 4;
  public static final int SUID = 5;
  public static final int FSUID = 6;
  public static final int GID = 7;
  public static final int EGID = 8;
  public static final int SGID = 9;
  public static final int FSGID = 10;
  public static final int AUID = 11;
  public static final int SES = 12;
  public static final int COMM = 13;
  public static final int EXE = 14;
  public static final int TTY = 15;
  public static final int A0 = 16;
  public static final int A1 = 17;
  public static final int A2 = 18;
  public static final int A3 = 19;
  public static final int ARCH = 20;
  public static final int SYSCALL = 21;
  public static final int SUCCESS = 22;
  public static final int EXIT = 23;
  public static final int ITEM = 24;
  public static final int NAME = 25;
  public static final int INODE = 26;
  public static final int DEV = 27;
  public static final int MODE = 28;
  public static final int OUID = 29;
  public static final int OGID = 30;
  public static final int NAMETYPE = 31;
  public static final int OBJTYPE = 32;
  public static final int TERMINAL = 33;
  public static final int CWD = 34;
  public static final int ARGC = 35;

  private static final Map<String, Integer> CODES = new HashMap<>();

  static {
    String[] names = {
      null,
      "pid",
      "ppid",
      "uid",
      "euid",
      "suid",
      "fsuid",
      "gid",
      "egid",
      "sgid",
      "fsgid",
      "auid",
      "ses",
      "comm",
      "exe",
      "tty",
      "a0",
      "a1",
      "a2",
      "a3",
      "arch",
      "syscall",
      "success",
      "exit",
      "item",
      "name",
      "inode",
      "dev",
      "mode",
      "ouid",
      "ogid",
      "nametype",
      "objtype",
      "terminal",
      "cwd",
      "argc"
    };
    for (int code = 1; code < names.length; code++) {
      CODES.put(names[code], code);
    }
  }

  private AuditFieldKeys() {}

  /** The code of field name {@code key}, or {@link #OTHER}. */
  public static int code(String key) {
    Integer code = CODES.get(key);
    return code == null ? OTHER : code;
  }
}
