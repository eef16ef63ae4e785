package dev.whence.it.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code whence collect ...} in a JVM of its own (this test JVM's class path), so that a test can
 * kill it with SIGKILL like a crash, or stop it with SIGTERM like an operator.
 */
public final class CollectorProcess {

  private final Process process;
  private final Path log;

  private CollectorProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Starts {@code whence ARGS...}, standard output and error appended to {@code log}. */
  public static CollectorProcess start(Path log, List<String> args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-XX:+UseSerialGC");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("dev.whence.app.Main");
    command.addAll(args);
    Files.createDirectories(log.toAbsolutePath().getParent());
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    return new CollectorProcess(p, log);
  }

  /** The process id. */
  public long pid() {
    return process.pid();
  }

  /** Waits until the log contains {@code text}; false when the process died or time ran out. */
  public boolean awaitLog(String text, Duration timeout) throws IOException, InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      if (Files.exists(log) && Files.readString(log).contains(text)) {
        return true;
      }
      if (!process.isAlive()) {
        return Files.readString(log).contains(text);
      }
      Thread.sleep(100);
    }
    return false;
  }

  /** SIGKILL, as a crash; waits for the process to be gone. */
  public void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM, as an operator; returns the exit code, or -1 when it did not exit in time. */
  public int terminate(Duration timeout) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
      return -1;
    }
    return process.exitValue();
  }

  /** Whether it still runs. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /** The log so far. */
  public String log() throws IOException {
    return Files.exists(log) ? Files.readString(log) : "";
  }
}
