package dev.whence.collector.linux.normalize;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * System call numbers to names per audit architecture (the {@code arch=} field). The tables are
 * resources generated on Debian 12 with {@code ausyscall ARCH --dump} (auditd 3.0.9) for x86_64
 * (c000003e), aarch64 (c00000b7) and i386 (40000003).
 */
public final class SyscallTable {

  /** AUDIT_ARCH_X86_64. */
  public static final long ARCH_X86_64 = 0xc000003eL;

  /** AUDIT_ARCH_AARCH64. */
  public static final long ARCH_AARCH64 = 0xc00000b7L;

  /** AUDIT_ARCH_I386. */
  public static final long ARCH_I386 = 0x40000003L;

  private static final String[] X86_64 = load("syscalls-x86_64.tsv");
  private static final String[] AARCH64 = load("syscalls-aarch64.tsv");
  private static final String[] I386 = load("syscalls-i386.tsv");

  private SyscallTable() {}

  /** The name of syscall {@code number} on {@code arch}, or null when unknown. */
  public static String name(long arch, long number) {
    String[] table;
    if (arch == ARCH_X86_64) {
      table = X86_64;
    } else if (arch == ARCH_AARCH64) {
      table = AARCH64;
    } else if (arch == ARCH_I386) {
      table = I386;
    } else {
      return null;
    }
    return number >= 0 && number < table.length ? table[(int) number] : null;
  }

  /** The architecture name ausearch prints for {@code arch}, or null. */
  public static String archName(long arch) {
    if (arch == ARCH_X86_64) {
      return "x86_64";
    } else if (arch == ARCH_AARCH64) {
      return "aarch64";
    } else if (arch == ARCH_I386) {
      return "i386";
    }
    return null;
  }

  private static String[] load(String resource) {
    try (InputStream in = SyscallTable.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("resource " + resource + " is missing");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String[] table = new String[1024];
      int max = 0;
      for (String line; (line = reader.readLine()) != null; ) {
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        int tab = line.indexOf('\t');
        int number = Integer.parseInt(line.substring(0, tab).trim());
        table[number] = line.substring(tab + 1).trim().intern();
        max = Math.max(max, number + 1);
      }
      return java.util.Arrays.copyOf(table, max);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }
}
