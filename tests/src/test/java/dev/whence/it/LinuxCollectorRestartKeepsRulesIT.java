package dev.whence.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whence.collector.linux.live.netlink.AuditNetlink;
import dev.whence.collector.linux.live.rules.AuditRuleInstaller;
import dev.whence.it.support.CollectorProcess;
import dev.whence.it.support.HostAuditState;
import dev.whence.it.support.InProcessCollector;
import dev.whence.it.support.TestBroker;
import dev.whence.it.support.WhenceTopicReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code whence collect} as the netlink audit daemon, killed with SIGKILL and started again, while
 * a thread lists the kernel's rules of Whence's key in a tight loop: the rules are never absent
 * (without rules the kernel would not audit system calls at all, spending no serial, so no
 * completeness check could see the hole). The restarted collector registers as the daemon although
 * the kernel still names the dead one, and at SIGTERM puts the host back as it was before the first
 * start.
 */
class LinuxCollectorRestartKeepsRulesIT {

  private static final Logger LOG =
      LoggerFactory.getLogger(LinuxCollectorRestartKeepsRulesIT.class);
  private static final String HOST = "it-restart-rules";
  private static final String KEY = "whence";

  @TempDir Path tmp;
  private HostAuditState before;
  private TestBroker broker;
  private CollectorProcess collector;

  @BeforeEach
  void setUp() throws Exception {
    HostAuditState.assumeLiveAudit();
    before = HostAuditState.read();
    broker = TestBroker.start(tmp.resolve("broker"));
    WhenceTopicReader.createCollectorTopics(broker.bootstrapServers());
  }

  @AfterEach
  void restoreHost() throws Exception {
    if (collector != null && collector.isAlive()) {
      collector.terminate(Duration.ofSeconds(30));
    }
    if (broker != null) {
      broker.close();
    }
    if (before != null) {
      HostAuditState after = HostAuditState.read();
      before.forceBack();
      assertThat(after).as("host audit settings after the test").isEqualTo(before);
    }
  }

  @Test
  void rulesStayInstalledThroughAKillAndRestart() throws Exception {
    Path rules = tmp.resolve("test.rules");
    Files.writeString(rules, InProcessCollector.testRules());
    List<String> args =
        List.of(
            "collect",
            "--source",
            "linux-audit",
            "--mode",
            "netlink",
            "--rules",
            rules.toString(),
            "--bootstrap",
            broker.bootstrapServers(),
            "--host-id",
            HOST,
            "--data-dir",
            tmp.resolve("data").toString(),
            "--status-interval",
            "2s");
    Path log = tmp.resolve("collector.log");
    collector = CollectorProcess.start(log, args);
    assertThat(collector.awaitLog("whence collect: reading", Duration.ofSeconds(90)))
        .as("collector started: %s", collector.log())
        .isTrue();
    int installed = HostAuditState.rulesWithKey(KEY).size();
    assertThat(installed).as("rules installed by the first run").isPositive();

    collector.kill9();
    LOG.info("collector killed with SIGKILL; {} rules of key {} left", installed, KEY);
    Files.writeString(log, "");
    RuleWatcher watcher = RuleWatcher.start(KEY);
    try {
      collector = CollectorProcess.start(log, args);
      assertThat(collector.awaitLog("whence collect: reading", Duration.ofSeconds(90)))
          .as("collector restarted: %s", collector.log())
          .isTrue();
    } finally {
      watcher.stop();
    }
    LOG.info(
        "{} rule listings during the restart, fewest rules of key {}: {}",
        watcher.samples(),
        KEY,
        watcher.fewest());

    assertThat(watcher.samples()).as("rule listings taken during the restart").isGreaterThan(10);
    assertThat(watcher.fewest())
        .as("fewest rules of key %s seen from the kill to the restarted run reading", KEY)
        .isEqualTo(installed);
    assertThat(collector.log()).contains("kept the settings a killed run left");
    assertThat(HostAuditState.rulesWithKey(KEY)).hasSize(installed);
    assertThat(collector.terminate(Duration.ofSeconds(60)))
        .as("exit after SIGTERM")
        .isNotNegative();
    assertThat(HostAuditState.read()).as("restored by the restarted collector").isEqualTo(before);
  }

  /** Lists the kernel's rules of one key over netlink in a tight loop on a thread of its own. */
  private static final class RuleWatcher {

    private final Thread thread;
    private final AtomicInteger fewest = new AtomicInteger(Integer.MAX_VALUE);
    private final AtomicLong samples = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean stopped;

    private RuleWatcher(String key) {
      thread =
          new Thread(
              () -> {
                try (AuditNetlink n = AuditNetlink.open()) {
                  AuditRuleInstaller kernelRules = new AuditRuleInstaller(n);
                  while (!stopped) {
                    fewest.accumulateAndGet(kernelRules.rulesWithKey(key).size(), Math::min);
                    samples.incrementAndGet();
                  }
                } catch (Exception e) {
                  failure.set(e);
                }
              },
              "it-rule-watcher");
    }

    static RuleWatcher start(String key) {
      RuleWatcher w = new RuleWatcher(key);
      w.thread.start();
      return w;
    }

    void stop() throws InterruptedException {
      stopped = true;
      thread.join(10_000);
      assertThat(failure.get()).as("rule watcher failure").isNull();
    }

    long samples() {
      return samples.get();
    }

    int fewest() {
      return fewest.get();
    }
  }
}
