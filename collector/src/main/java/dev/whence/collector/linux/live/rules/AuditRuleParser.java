package dev.whence.collector.linux.live.rules;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Reads audit rules written in auditctl's syntax, the subset rule files use: {@code -a
 * action,list}, {@code -S name[,name...]} (repeatable, or {@code all}), {@code -F field<op>value},
 * {@code -w path -p perms}, {@code -k key}; blank lines and {@code #} comments. Control options
 * ({@code -D}, {@code -b}, {@code -e}...) are refused: Whence sets those itself.
 */
public final class AuditRuleParser {

  private static final String[] OPERATORS = {"&=", "!=", "<=", ">=", "=", "&", "<", ">"};

  private final SyscallTable syscalls;
  private final Predicate<String> isDirectory;

  /**
   * @param syscalls system call names of the host's architecture
   * @param isDirectory tells a watch on a directory ({@code dir=}) from one on a file ({@code
   *     path=}), as auditctl does
   */
  public AuditRuleParser(SyscallTable syscalls, Predicate<String> isDirectory) {
    this.syscalls = syscalls;
    this.isDirectory = isDirectory;
  }

  /** A parser for the x86_64 table that asks the file system whether a watch is a directory. */
  public static AuditRuleParser forHost() {
    return new AuditRuleParser(SyscallTable.x8664(), p -> Files.isDirectory(Path.of(p)));
  }

  /**
   * Parses a rules file.
   *
   * @throws IllegalArgumentException naming the source, the line number and the problem
   */
  public List<AuditRule> parse(String text, String source) {
    List<AuditRule> rules = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      try {
        rules.add(parseLine(line));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(source + ":" + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    return rules;
  }

  /** Parses one rule. */
  public AuditRule parseLine(String line) {
    String[] tokens = line.strip().split("\\s+");
    Integer list = null;
    Integer action = null;
    boolean all = false;
    TreeSet<Integer> numbers = new TreeSet<>();
    List<RuleField> fields = new ArrayList<>();
    List<String> pendingSyscalls = new ArrayList<>();
    String watch = null;
    String perms = null;
    String key = null;
    long arch = RuleFields.ARCH_X86_64;
    for (int i = 0; i < tokens.length; i++) {
      String option = tokens[i];
      String arg = i + 1 < tokens.length ? tokens[i + 1] : null;
      switch (option) {
        case "-a", "-A" -> {
          if (option.equals("-A")) {
            throw new IllegalArgumentException("-A (prepend) is not supported; use -a");
          }
          int[] la = listAndAction(require(option, arg));
          list = la[0];
          action = la[1];
          i++;
        }
        case "-S" -> {
          for (String name : require(option, arg).split(",")) {
            pendingSyscalls.add(name);
          }
          i++;
        }
        case "-F" -> {
          RuleField field = field(require(option, arg));
          if (field.field() == RuleFields.ARCH) {
            arch = field.value();
          }
          fields.add(field);
          i++;
        }
        case "-w" -> {
          watch = require(option, arg);
          i++;
        }
        case "-p" -> {
          perms = require(option, arg);
          i++;
        }
        case "-k" -> {
          key = require(option, arg);
          i++;
        }
        default ->
            throw new IllegalArgumentException(
                "unsupported option '" + option + "' (rule files may use -a -S -F -w -p -k)");
      }
    }
    if (arch != RuleFields.ARCH_X86_64 && !pendingSyscalls.isEmpty()) {
      throw new IllegalArgumentException(
          "system call names are known for arch=b64 (x86_64) only, not arch=0x"
              + Long.toHexString(arch));
    }
    for (String name : pendingSyscalls) {
      if (name.equals("all")) {
        all = true;
        continue;
      }
      OptionalInt n = syscalls.number(name);
      if (n.isPresent()) {
        numbers.add(n.getAsInt());
      } else if (name.chars().allMatch(Character::isDigit) && !name.isEmpty()) {
        numbers.add(Integer.parseInt(name));
      } else {
        throw new IllegalArgumentException(
            "unknown system call '" + name + "' for " + syscalls.architecture());
      }
    }
    if (watch != null) {
      if (list != null || !pendingSyscalls.isEmpty()) {
        throw new IllegalArgumentException("-w cannot be combined with -a or -S");
      }
      if (!watch.startsWith("/")) {
        throw new IllegalArgumentException("watched path must be absolute: " + watch);
      }
      List<RuleField> watchFields = new ArrayList<>();
      int kind = isDirectory.test(watch) ? RuleFields.DIR : RuleFields.WATCH;
      watchFields.add(RuleField.string(kind, RuleFields.OP_EQUAL, watch));
      watchFields.add(
          RuleField.numeric(
              RuleFields.PERM, RuleFields.OP_EQUAL, permissions(perms == null ? "rwxa" : perms)));
      watchFields.addAll(fields);
      fields = watchFields;
      list = 4;
      action = 2;
      all = true;
    } else if (perms != null) {
      throw new IllegalArgumentException("-p needs -w");
    }
    if (list == null) {
      throw new IllegalArgumentException("a rule needs -a action,list or -w path");
    }
    if (list == 4 && !all && numbers.isEmpty()) {
      throw new IllegalArgumentException("an exit rule needs -S (auditctl would apply it to all)");
    }
    if (key != null) {
      fields.add(RuleField.string(RuleFields.FILTERKEY, RuleFields.OP_EQUAL, key));
    }
    return new AuditRule(list, action, all, numbers, fields);
  }

  private static String require(String option, String arg) {
    if (arg == null || arg.startsWith("-") && !arg.matches("-\\d+")) {
      throw new IllegalArgumentException(option + " needs an argument");
    }
    return arg;
  }

  private static int[] listAndAction(String arg) {
    String[] parts = arg.split(",");
    if (parts.length != 2) {
      throw new IllegalArgumentException("-a needs action,list (e.g. always,exit): " + arg);
    }
    OptionalInt a0 = RuleFields.action(parts[0]);
    OptionalInt l1 = RuleFields.list(parts[1]);
    if (a0.isPresent() && l1.isPresent()) {
      return new int[] {l1.getAsInt(), a0.getAsInt()};
    }
    OptionalInt l0 = RuleFields.list(parts[0]);
    OptionalInt a1 = RuleFields.action(parts[1]);
    if (l0.isPresent() && a1.isPresent()) {
      return new int[] {l0.getAsInt(), a1.getAsInt()};
    }
    throw new IllegalArgumentException("unknown action or list in -a " + arg);
  }

  private RuleField field(String expression) {
    for (String symbol : OPERATORS) {
      int at = expression.indexOf(symbol);
      if (at <= 0) {
        continue;
      }
      String name = expression.substring(0, at);
      if (!name.matches("[a-z_0-9]+")) {
        continue;
      }
      String value = expression.substring(at + symbol.length());
      int op = operator(symbol);
      int field =
          RuleFields.field(name)
              .orElseThrow(() -> new IllegalArgumentException("unknown field '" + name + "'"));
      if (value.isEmpty()) {
        throw new IllegalArgumentException("field " + name + " has no value");
      }
      if (RuleFields.isString(field)) {
        return RuleField.string(field, op, value);
      }
      return RuleField.numeric(field, op, numericValue(field, value));
    }
    throw new IllegalArgumentException("-F needs field<op>value: " + expression);
  }

  private static int operator(String symbol) {
    return switch (symbol) {
      case "&=" -> RuleFields.OP_BIT_TEST;
      case "!=" -> RuleFields.OP_NOT_EQUAL;
      case "<=" -> RuleFields.OP_LESS_THAN_OR_EQUAL;
      case ">=" -> RuleFields.OP_GREATER_THAN_OR_EQUAL;
      case "=" -> RuleFields.OP_EQUAL;
      case "&" -> RuleFields.OP_BIT_MASK;
      case "<" -> RuleFields.OP_LESS_THAN;
      case ">" -> RuleFields.OP_GREATER_THAN;
      default -> throw new IllegalStateException(symbol);
    };
  }

  private static long numericValue(int field, String value) {
    String v = value.toLowerCase(Locale.ROOT);
    switch (field) {
      case RuleFields.ARCH -> {
        return switch (v) {
          case "b64", "x86_64" -> RuleFields.ARCH_X86_64;
          case "b32", "i386", "i686" -> RuleFields.ARCH_I386;
          default -> throw new IllegalArgumentException("unsupported arch " + value);
        };
      }
      case RuleFields.PERM -> {
        return permissions(v);
      }
      case RuleFields.SUCCESS -> {
        return switch (v) {
          case "1", "yes", "true" -> 1;
          case "0", "no", "false" -> 0;
          default -> throw new IllegalArgumentException("success must be 0 or 1: " + value);
        };
      }
      case RuleFields.MSGTYPE -> {
        int type =
            dev.whence.collector.linux.live.netlink.AuditRecordTypes.number(
                value.toUpperCase(Locale.ROOT));
        if (type >= 0) {
          return type;
        }
      }
      case RuleFields.FILETYPE -> {
        return switch (v) {
          case "file" -> 0100000;
          case "dir" -> 0040000;
          case "socket" -> 0140000;
          case "link", "symlink" -> 0120000;
          case "character" -> 0020000;
          case "block" -> 0060000;
          case "fifo" -> 0010000;
          default -> throw new IllegalArgumentException("unknown filetype " + value);
        };
      }
      default -> {}
    }
    if (v.equals("unset") || v.equals("-1")) {
      return 0xFFFFFFFFL;
    }
    try {
      long n = v.startsWith("0x") ? Long.parseLong(v.substring(2), 16) : Long.parseLong(v);
      if (n < Integer.MIN_VALUE || n > 0xFFFFFFFFL) {
        throw new IllegalArgumentException("value out of 32-bit range: " + value);
      }
      return n & 0xFFFFFFFFL;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "value of " + RuleFields.fieldName(field) + " must be a number: " + value, e);
    }
  }

  private static long permissions(String perms) {
    long bits = 0;
    for (char c : perms.toCharArray()) {
      bits |=
          switch (c) {
            case 'x' -> 1;
            case 'w' -> 2;
            case 'r' -> 4;
            case 'a' -> 8;
            default -> throw new IllegalArgumentException("permission must be of rwxa: " + perms);
          };
    }
    if (bits == 0) {
      throw new IllegalArgumentException("empty permission");
    }
    return bits;
  }
}
