package dev.whence.collector.linux.live.rules;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/** System call numbers by name for one architecture, as the kernel's audit rules need them. */
public final class SyscallTable {

  private static volatile SyscallTable x8664;

  private final String architecture;
  private final Map<String, Integer> numbers;

  private SyscallTable(String architecture, Map<String, Integer> numbers) {
    this.architecture = architecture;
    this.numbers = Map.copyOf(numbers);
  }

  /** The x86_64 table, loaded once from {@code audit-profiles/syscalls-x86_64.txt}. */
  public static SyscallTable x8664() {
    if (x8664 == null) {
      x8664 = load("x86_64", "/audit-profiles/syscalls-x86_64.txt");
    }
    return x8664;
  }

  private static SyscallTable load(String architecture, String resource) {
    try (InputStream in = SyscallTable.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      Map<String, Integer> numbers = new HashMap<>();
      BufferedReader reader =
          new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] parts = line.trim().split("\\s+");
        numbers.put(parts[0], Integer.parseInt(parts[1]));
      }
      return new SyscallTable(architecture, numbers);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + resource, e);
    }
  }

  /** The architecture's name, e.g. x86_64. */
  public String architecture() {
    return architecture;
  }

  /** The name of system call number {@code number}, or {@code number} itself when unknown. */
  public String name(int number) {
    return numbers.entrySet().stream()
        .filter(e -> e.getValue() == number)
        .map(Map.Entry::getKey)
        .sorted()
        .findFirst()
        .orElse(Integer.toString(number));
  }

  /** The number of system call {@code name}, if this architecture has it. */
  public OptionalInt number(String name) {
    Integer n = numbers.get(name);
    return n == null ? OptionalInt.empty() : OptionalInt.of(n);
  }
}
