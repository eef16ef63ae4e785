package dev.whence.collector.linux.live;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The kernel's boot id ({@code /proc/sys/kernel/random/boot_id}): audit serials restart with it.
 */
public final class BootId {

  private static final Path FILE = Path.of("/proc/sys/kernel/random/boot_id");

  private BootId() {}

  /** This boot's id. */
  public static String current() throws IOException {
    return Files.readString(FILE, StandardCharsets.US_ASCII).strip();
  }
}
