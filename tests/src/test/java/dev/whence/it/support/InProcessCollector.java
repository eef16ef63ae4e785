package dev.whence.it.support;

import dev.whence.collector.linux.live.AuditUnavailableException;
import dev.whence.collector.linux.live.LiveAuditSource;
import dev.whence.collector.linux.live.ReadingMode;
import dev.whence.collector.linux.live.file.AuditLogTailer;
import dev.whence.collector.linux.live.rules.AuditRuleParser;
import dev.whence.collector.linux.run.CollectorSettings;
import dev.whence.collector.linux.run.LinuxAuditCollector;
import dev.whence.collector.publish.PublisherConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** A {@link LinuxAuditCollector} in the test JVM, reading on a thread of its own. */
public final class InProcessCollector implements AutoCloseable {

  private final LinuxAuditCollector collector;
  private final Thread reader;

  private InProcessCollector(LinuxAuditCollector collector) {
    this.collector = collector;
    this.reader =
        new Thread(
            () -> {
              try {
                collector.run();
              } catch (IOException e) {
                throw new IllegalStateException(e);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "it-collector-reader");
    reader.start();
  }

  /** The rules of the ITs (resource {@code live-audit/test.rules}). */
  public static String testRules() throws IOException {
    try (InputStream in = InProcessCollector.class.getResourceAsStream("/live-audit/test.rules")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Starts a collector in netlink mode with the ITs' rules, state in {@code dataDir}. */
  public static InProcessCollector netlink(Path dataDir, String bootstrap, String host)
      throws IOException, AuditUnavailableException {
    LiveAuditSource.Options d = LiveAuditSource.Options.defaults(dataDir.resolve("audit"));
    LiveAuditSource.Options options =
        new LiveAuditSource.Options(
            d.dataDir(),
            ReadingMode.NETLINK,
            d.key(),
            AuditRuleParser.forHost().parse(testRules(), "test.rules"),
            d.backlogLimit(),
            d.backlogWaitTime(),
            d.auditdConf(),
            null,
            AuditLogTailer.StartAt.END,
            "whence collect");
    PublisherConfig publisher =
        PublisherConfig.defaults(bootstrap, dataDir.resolve("spool"))
            .withSpool(
                256L << 20, 32L << 20, PublisherConfig.defaults(bootstrap, dataDir).spoolSync());
    CollectorSettings settings =
        CollectorSettings.of(host, options, publisher).withStatusInterval(Duration.ofSeconds(2));
    return new InProcessCollector(LinuxAuditCollector.start(settings, Clock.systemUTC()));
  }

  /** The collector. */
  public LinuxAuditCollector collector() {
    return collector;
  }

  /** Stops reading, flushes, restores the kernel. */
  @Override
  public void close() throws IOException, InterruptedException {
    collector.stop();
    reader.join(20_000);
    collector.close();
  }
}
