package dev.whence.graph.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whence.graph.identity.FlowScopePolicy;
import dev.whence.graph.model.Operation;
import dev.whence.graph.model.SystemEvent;
import dev.whence.graph.state.InMemoryGraphState.StateSizes;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ExpiryTest {
  private static final long SECOND = 1_000_000_000L;
  private final Trace t = new Trace("host-a");
  private final Graph g =
      new Graph(
          new GraphConfig(
              8,
              Duration.ofHours(1),
              Duration.ofSeconds(10),
              Duration.ofHours(2),
              1024,
              Duration.ofHours(3),
              Duration.ofSeconds(1),
              4096,
              8192,
              FlowScopePolicy.singleSite()));

  @Test
  void anExitedProcessAgesOutAfterTheGracePeriod() {
    g.ok(t.open(100, "/etc/passwd", 3, Trace.O_RDONLY));
    g.ok(t.exit(100));

    assertThat(g.builder.expire(t.time + 5 * SECOND).processes()).isZero();
    assertThat(g.builder.process("host-a", 100)).isPresent();
    ExpiryReport report = g.builder.expire(t.time + 11 * SECOND);
    assertThat(report.processes()).isEqualTo(1);
    assertThat(g.builder.process("host-a", 100)).isEmpty();
    assertThat(g.builder.counters().processesExpired()).isEqualTo(1);
  }

  @Test
  void anIdleProcessAgesOutWithItsDescriptorsButAnActiveOneIsRescheduled() {
    g.ok(t.open(100, "/etc/passwd", 3, Trace.O_RDONLY));
    g.ok(t.open(200, "/etc/group", 3, Trace.O_RDONLY));
    t.time += 50 * 60 * SECOND;
    g.ok(t.onFd(Operation.READ, 200, 3));

    ExpiryReport report = g.builder.expire(t.time + 15 * 60 * SECOND);
    assertThat(report.processes()).isEqualTo(1);
    assertThat(report.descriptors()).isEqualTo(1);
    assertThat(report.rescheduled()).isGreaterThanOrEqualTo(1);
    assertThat(g.builder.process("host-a", 100)).isEmpty();
    assertThat(g.builder.process("host-a", 200)).isPresent();
    g.ok(t.onFd(Operation.READ, 200, 3));
  }

  @Test
  void everythingAgesOutOnceIdleLongEnough() {
    g.ok(t.exec(100, "/bin/sh", "sh"));
    g.ok(t.open(100, "/tmp/a", 3, Trace.O_WRONLY));
    g.ok(t.rename(Operation.RENAME, 100, "/tmp/a", "/tmp/b"));
    g.ok(t.pipe(100, 4, 5));
    g.ok(t.fork(100, 101));
    g.ok(t.exit(101));
    assertThat(g.state.sizes().processes()).isEqualTo(2);

    g.builder.expire(t.time + 4 * 3600 * SECOND);

    assertThat(g.state.sizes()).isEqualTo(new StateSizes(0, 0, 0, 0, 0, 0));
    assertThat(g.builder.counters().filesExpired()).as("/bin/sh and /tmp/b").isEqualTo(2);
    assertThat(g.builder.counters().aliasesExpired()).as("/bin/sh and /tmp/b").isEqualTo(2);
    assertThat(g.builder.counters().dedupWindowsExpired()).isEqualTo(1);
  }

  @Test
  void aFileWrittenAgainAfterItsStateAgedOutGetsAFreshVersionId() {
    g.ok(t.open(100, "/tmp/a", 3, Trace.O_WRONLY));
    String first = g.edges(Operation.OPEN).get(0).targetNode();
    g.builder.expire(t.time + 4 * 3600 * SECOND);
    t.time += 4 * 3600 * SECOND;
    g.ok(t.open(100, "/tmp/a", 3, Trace.O_WRONLY));

    assertThat(g.edges(Operation.OPEN).get(1).targetNode()).isNotEqualTo(first);
  }

  @Test
  void withRetentionSetsTheThreeTtlsAndKeepsTheOtherBounds() {
    GraphConfig base = GraphConfig.defaults();
    GraphConfig c =
        base.withRetention(Duration.ofMinutes(5), Duration.ofSeconds(2), Duration.ofDays(30));

    assertThat(c.processIdleTtl()).isEqualTo(Duration.ofMinutes(5));
    assertThat(c.exitedProcessGrace()).isEqualTo(Duration.ofSeconds(2));
    assertThat(c.fileIdleTtl()).isEqualTo(Duration.ofDays(30));
    assertThat(
            c.withRetention(base.processIdleTtl(), base.exitedProcessGrace(), base.fileIdleTtl()))
        .isEqualTo(base);
    assertThatThrownBy(() -> base.withRetention(Duration.ofSeconds(-1), Duration.ZERO, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("processIdleTtl must be positive and at most PT8760H, not PT-1S");
  }

  @Test
  void aShorterExitedGraceForgetsAnExitedProcessSooner() {
    Graph quick =
        new Graph(
            GraphConfig.defaults()
                .withRetention(Duration.ofHours(1), Duration.ofSeconds(1), Duration.ofHours(2)));
    quick.ok(t.open(100, "/etc/passwd", 3, Trace.O_RDONLY));
    quick.ok(t.exit(100));

    assertThat(quick.builder.expire(t.time + 2 * SECOND).processes()).isEqualTo(1);
    assertThat(quick.builder.process("host-a", 100)).isEmpty();
  }

  @Test
  void aShorterDedupIdleTtlForgetsABootsWindowSooner() {
    GraphConfig base =
        GraphConfig.defaults()
            .withRetention(Duration.ofHours(1), Duration.ofSeconds(1), Duration.ofHours(2));
    Graph quick = new Graph(base.withDedupIdleTtl(Duration.ofSeconds(30)));
    Graph slow = new Graph(base.withDedupIdleTtl(Duration.ofHours(3)));
    SystemEvent open = t.open(100, "/etc/passwd", 3, Trace.O_RDONLY);
    quick.ok(open);
    slow.ok(open);

    assertThat(quick.builder.expire(t.time + 31 * SECOND).dedupWindows()).isEqualTo(1);
    assertThat(slow.builder.expire(t.time + 31 * SECOND).dedupWindows()).isZero();
    assertThat(quick.apply(open).notes())
        .extracting(Note::code)
        .doesNotContain(NoteCode.DUPLICATE_EVENT);
    assertThat(slow.apply(open).notes())
        .extracting(Note::code)
        .containsExactly(NoteCode.DUPLICATE_EVENT);
  }

  @Test
  void withDedupIdleTtlSetsOnlyItAndIsBounded() {
    GraphConfig base = GraphConfig.defaults();
    GraphConfig c = base.withDedupIdleTtl(Duration.ofHours(6));

    assertThat(c.dedupIdleTtl()).isEqualTo(Duration.ofHours(6));
    assertThat(c.withDedupIdleTtl(base.dedupIdleTtl())).isEqualTo(base);
    assertThatThrownBy(() -> base.withDedupIdleTtl(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("dedupIdleTtl must be positive and at most PT8760H, not PT0S");
    assertThatThrownBy(() -> base.withDedupIdleTtl(GraphConfig.MAX_RETENTION.plusNanos(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
