package dev.whence.app.cli;

import dev.whence.app.config.ConfigFlags;
import dev.whence.app.config.Setting;
import dev.whence.app.config.SettingValues;
import dev.whence.app.config.WhenceConfig;
import dev.whence.app.run.AuditRecorder;
import dev.whence.app.run.LiveCollectorLauncher;
import dev.whence.app.run.ShutdownSignal;
import dev.whence.collector.linux.live.AuditUnavailableException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code whence record}: Record this host's audit trace to a file for later replay. */
@Command(
    name = "record",
    description = "Record this host's audit trace to a file for later replay.")
public final class RecordCommand extends WhenceCommand {

  @Option(
      names = "--source",
      paramLabel = "SOURCE",
      description = "What to record: linux-audit (default: linux-audit).")
  String source = "linux-audit";

  @Option(
      names = {"-o", "--output"},
      required = true,
      paramLabel = "FILE",
      description = "Recording file to write (gzip-compressed when it ends in .gz).")
  Path output;

  @Option(
      names = "--host",
      paramLabel = "ID",
      description = "Host id written as node=ID before every line (default: the host name).")
  String host;

  @Option(
      names = "--duration",
      paramLabel = "DURATION",
      description = "Stop after this long, e.g. 90s or 5m (default: until Ctrl-C or SIGTERM).")
  String duration;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Data directory; the audit state files go to DIR/record (default: ~/.whence).")
  String dataDir;

  @Mixin LinuxAuditOptions audit = new LinuxAuditOptions();

  @Override
  protected ConfigFlags flags() {
    return ConfigFlags.none().put(Setting.HOST_ID, "--host", host).put(Setting.DATA_DIR, dataDir);
  }

  @Override
  protected int execute(WhenceConfig config) throws Exception {
    if (!source.strip().toLowerCase(Locale.ROOT).equals("linux-audit")) {
      err().println("whence record: unknown --source '" + source + "' (known: linux-audit)");
      err().flush();
      return 2;
    }
    Duration limit;
    try {
      limit = duration == null ? null : SettingValues.interval(duration);
    } catch (IllegalArgumentException e) {
      err().println("whence record: --duration: " + e.getMessage());
      err().flush();
      return 2;
    }
    AuditRecorder recorder;
    try {
      LiveCollectorLauncher launcher = audit.launcher(false, "whence record");
      recorder =
          AuditRecorder.start(
              output,
              launcher.sourceOptions(config.dataDir().resolve("record"), config.hostId()),
              Clock.systemUTC());
    } catch (AuditUnavailableException e) {
      String message = e.getMessage();
      err().println(message.startsWith("whence ") ? message : "whence record: " + message);
      err().flush();
      return 1;
    } catch (IllegalArgumentException | IOException e) {
      err().println("whence record: " + e.getMessage());
      err().flush();
      return 2;
    }
    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch reported = new CountDownLatch(1);
    ShutdownSignal signal = ShutdownSignal.install("whence-record");
    signal.register(recorder);
    signal.register(
        () -> {
          stop.countDown();
          reported.await(30, TimeUnit.SECONDS);
        });
    err()
        .println(
            "whence record: recording Linux audit ("
                + recorder.mode()
                + ") of host "
                + config.hostId()
                + " to "
                + output
                + (limit == null ? "; Ctrl-C stops" : " for " + limit.toSeconds() + " s")
                + " and restores the audit settings");
    err().flush();
    Thread ended =
        new Thread(
            () -> {
              try {
                recorder.awaitEnd();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              stop.countDown();
            },
            "whence-record-watch");
    ended.setDaemon(true);
    ended.start();
    if (limit == null) {
      stop.await();
    } else {
      stop.await(limit.toMillis(), TimeUnit.MILLISECONDS);
    }
    try {
      AuditRecorder.Summary s = recorder.finish();
      err()
          .println(
              "whence record: "
                  + s.lines()
                  + " lines ("
                  + s.bytes()
                  + " bytes) in "
                  + s.output()
                  + "; serials lost while recording: "
                  + s.lostSerials()
                  + (s.kernelLost() >= 0 ? "; kernel lost counter rose by " + s.kernelLost() : ""));
      err().flush();
      return recorder.failure() == null && s.lostSerials() == 0 ? 0 : 1;
    } finally {
      reported.countDown();
    }
  }
}
