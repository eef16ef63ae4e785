package dev.whence.collector.linux.live.rules;

import java.util.Map;
import java.util.OptionalInt;

/**
 * The audit rule vocabulary of uapi linux/audit.h: field numbers, operators, filter lists and
 * actions, with the names auditctl uses for them.
 */
public final class RuleFields {

  public static final int PID = 0;
  public static final int ARCH = 11;
  public static final int MSGTYPE = 12;
  public static final int PPID = 18;
  public static final int EXIT = 103;
  public static final int SUCCESS = 104;
  public static final int WATCH = 105;
  public static final int PERM = 106;
  public static final int DIR = 107;
  public static final int FILETYPE = 108;
  public static final int EXE = 112;
  public static final int FILTERKEY = 210;

  public static final int OP_BIT_MASK = 0x08000000;
  public static final int OP_LESS_THAN = 0x10000000;
  public static final int OP_GREATER_THAN = 0x20000000;
  public static final int OP_NOT_EQUAL = 0x30000000;
  public static final int OP_EQUAL = 0x40000000;
  public static final int OP_BIT_TEST = OP_BIT_MASK | OP_EQUAL;
  public static final int OP_LESS_THAN_OR_EQUAL = OP_LESS_THAN | OP_EQUAL;
  public static final int OP_GREATER_THAN_OR_EQUAL = OP_GREATER_THAN | OP_EQUAL;

  /** AUDIT_ARCH_X86_64 and AUDIT_ARCH_I386. */
  public static final long ARCH_X86_64 = 0xC000003EL;

  public static final long ARCH_I386 = 0x40000003L;

  /** Key separator the kernel accepts inside one filterkey field (AUDIT_KEY_SEPARATOR). */
  public static final char KEY_SEPARATOR = 0x01;

  private static final Map<String, Integer> FIELDS =
      Map.ofEntries(
          Map.entry("pid", 0),
          Map.entry("uid", 1),
          Map.entry("euid", 2),
          Map.entry("suid", 3),
          Map.entry("fsuid", 4),
          Map.entry("gid", 5),
          Map.entry("egid", 6),
          Map.entry("sgid", 7),
          Map.entry("fsgid", 8),
          Map.entry("auid", 9),
          Map.entry("loginuid", 9),
          Map.entry("pers", 10),
          Map.entry("arch", ARCH),
          Map.entry("msgtype", MSGTYPE),
          Map.entry("subj_user", 13),
          Map.entry("subj_role", 14),
          Map.entry("subj_type", 15),
          Map.entry("subj_sen", 16),
          Map.entry("subj_clr", 17),
          Map.entry("ppid", PPID),
          Map.entry("obj_user", 19),
          Map.entry("obj_role", 20),
          Map.entry("obj_type", 21),
          Map.entry("obj_lev_low", 22),
          Map.entry("obj_lev_high", 23),
          Map.entry("loginuid_set", 24),
          Map.entry("sessionid", 25),
          Map.entry("fstype", 26),
          Map.entry("devmajor", 100),
          Map.entry("devminor", 101),
          Map.entry("inode", 102),
          Map.entry("exit", EXIT),
          Map.entry("success", SUCCESS),
          Map.entry("path", WATCH),
          Map.entry("perm", PERM),
          Map.entry("dir", DIR),
          Map.entry("filetype", FILETYPE),
          Map.entry("obj_uid", 109),
          Map.entry("obj_gid", 110),
          Map.entry("exe", EXE),
          Map.entry("saddr_fam", 113),
          Map.entry("a0", 200),
          Map.entry("a1", 201),
          Map.entry("a2", 202),
          Map.entry("a3", 203),
          Map.entry("key", FILTERKEY));

  private RuleFields() {}

  /** The field number of an auditctl field name. */
  public static OptionalInt field(String name) {
    Integer n = FIELDS.get(name);
    return n == null ? OptionalInt.empty() : OptionalInt.of(n);
  }

  /** The auditctl name of a field number (the first one, e.g. {@code auid} for 9). */
  public static String fieldName(int field) {
    if (field == 9) {
      return "auid";
    }
    return FIELDS.entrySet().stream()
        .filter(e -> e.getValue() == field)
        .map(Map.Entry::getKey)
        .findFirst()
        .orElse("field" + field);
  }

  /** Whether the kernel carries this field's value as a string in the rule's buffer. */
  public static boolean isString(int field) {
    return (field >= 13 && field <= 17)
        || (field >= 19 && field <= 23)
        || field == WATCH
        || field == DIR
        || field == EXE
        || field == FILTERKEY;
  }

  /** The auditctl symbol of an operator. */
  public static String operatorSymbol(int op) {
    return switch (op) {
      case OP_BIT_MASK -> "&";
      case OP_LESS_THAN -> "<";
      case OP_GREATER_THAN -> ">";
      case OP_NOT_EQUAL -> "!=";
      case OP_EQUAL -> "=";
      case OP_BIT_TEST -> "&=";
      case OP_LESS_THAN_OR_EQUAL -> "<=";
      case OP_GREATER_THAN_OR_EQUAL -> ">=";
      default -> "?" + Integer.toHexString(op);
    };
  }

  /** Filter list numbers (AUDIT_FILTER_*) by auditctl name. */
  public static OptionalInt list(String name) {
    return switch (name) {
      case "user" -> OptionalInt.of(0);
      case "task" -> OptionalInt.of(1);
      case "exit" -> OptionalInt.of(4);
      case "exclude" -> OptionalInt.of(5);
      case "filesystem" -> OptionalInt.of(6);
      case "io_uring" -> OptionalInt.of(7);
      default -> OptionalInt.empty();
    };
  }

  /** Action numbers (AUDIT_NEVER, AUDIT_ALWAYS) by auditctl name. */
  public static OptionalInt action(String name) {
    return switch (name) {
      case "never" -> OptionalInt.of(0);
      case "always" -> OptionalInt.of(2);
      default -> OptionalInt.empty();
    };
  }
}
