package dev.whence.collector.linux.live.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;

/**
 * One kernel audit rule: the filter list, the action, the system calls it applies to and its field
 * comparisons, in the order auditctl would send them.
 *
 * @param list filter list (4 = exit, 1 = task, 0 = user, 5 = exclude)
 * @param action 2 = always, 0 = never
 * @param allSyscalls whether the rule applies to every system call (watches, {@code -S all})
 * @param syscalls the system call numbers, when not all
 * @param fields comparisons, the key (if any) among them
 */
public record AuditRule(
    int list, int action, boolean allSyscalls, Set<Integer> syscalls, List<RuleField> fields) {

  public AuditRule {
    syscalls = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(syscalls));
    fields = List.copyOf(fields);
  }

  /** The rule's keys (a filterkey field may hold several, separated by \u0001). */
  public List<String> keys() {
    List<String> keys = new ArrayList<>();
    for (RuleField f : fields) {
      if (f.field() == RuleFields.FILTERKEY) {
        for (String k : f.text().split(String.valueOf(RuleFields.KEY_SEPARATOR), -1)) {
          keys.add(k);
        }
      }
    }
    return keys;
  }

  /** Whether {@code key} is one of the rule's keys. */
  public boolean hasKey(String key) {
    return keys().contains(key);
  }

  /** This rule with its keys replaced by {@code key}. */
  public AuditRule withKey(String key) {
    List<RuleField> kept = new ArrayList<>();
    for (RuleField f : fields) {
      if (f.field() != RuleFields.FILTERKEY) {
        kept.add(f);
      }
    }
    kept.add(RuleField.string(RuleFields.FILTERKEY, RuleFields.OP_EQUAL, key));
    return new AuditRule(list, action, allSyscalls, syscalls, kept);
  }

  /** The first string field of the given kind (a watched path, for example). */
  public Optional<String> text(int field) {
    return fields.stream().filter(f -> f.field() == field).map(RuleField::text).findFirst();
  }

  /** The rule in auditctl's syntax, for messages and logs. */
  public String describe(SyscallTable table) {
    StringJoiner out = new StringJoiner(" ");
    out.add(
        "-a "
            + (action == 2 ? "always" : action == 0 ? "never" : "action" + action)
            + ","
            + listName(list));
    for (RuleField f : fields) {
      if (f.field() == RuleFields.ARCH) {
        out.add(
            "-F arch="
                + (f.value() == RuleFields.ARCH_X86_64
                    ? "b64"
                    : f.value() == RuleFields.ARCH_I386 ? "b32" : Long.toString(f.value())));
      }
    }
    if (allSyscalls) {
      out.add("-S all");
    } else if (!syscalls.isEmpty()) {
      StringJoiner names = new StringJoiner(",");
      syscalls.forEach(n -> names.add(table.name(n)));
      out.add("-S " + names);
    }
    for (RuleField f : fields) {
      if (f.field() == RuleFields.ARCH) {
        continue;
      }
      String value = f.isString() ? f.text() : Long.toString(f.value());
      out.add(
          "-F "
              + RuleFields.fieldName(f.field())
              + RuleFields.operatorSymbol(f.operator())
              + value);
    }
    return out.toString();
  }

  private static String listName(int list) {
    return switch (list) {
      case 0 -> "user";
      case 1 -> "task";
      case 4 -> "exit";
      case 5 -> "exclude";
      case 6 -> "filesystem";
      case 7 -> "io_uring";
      default -> "list" + list;
    };
  }
}
