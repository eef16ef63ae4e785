package dev.whence.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A small C program, compiled on the fly, that makes N {@code getppid} system calls (optionally
 * paced to a rate): a cheap, countable burst of audited events whose subject comm is {@code
 * wburst}.
 */
public final class AuditBurst {

  /** The burst process's comm. */
  public static final String COMM = "wburst";

  /** The number of getppid on x86_64. */
  public static final int GETPPID_X86_64 = 110;

  private final Path binary;

  private AuditBurst(Path binary) {
    this.binary = binary;
  }

  /** Compiles the program into {@code dir}. */
  public static AuditBurst compile(Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path source = dir.resolve("wburst.c");
    try (InputStream in = AuditBurst.class.getResourceAsStream("/live-audit/wburst.c")) {
      Files.copy(in, source, StandardCopyOption.REPLACE_EXISTING);
    }
    Path binary = dir.resolve(COMM);
    Process gcc =
        new ProcessBuilder("gcc", "-O2", "-o", binary.toString(), source.toString())
            .inheritIO()
            .start();
    if (gcc.waitFor() != 0) {
      throw new IOException("gcc failed to compile " + source);
    }
    return new AuditBurst(binary);
  }

  /** Starts {@code count} calls, {@code perSecond} a second (0: as fast as audit lets it). */
  public Process start(long count, long perSecond) throws IOException {
    return new ProcessBuilder(binary.toString(), Long.toString(count), Long.toString(perSecond))
        .inheritIO()
        .start();
  }

  /** The program's path. */
  public Path binary() {
    return binary;
  }
}
