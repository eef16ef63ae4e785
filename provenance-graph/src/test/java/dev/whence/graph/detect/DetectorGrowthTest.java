package dev.whence.graph.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whence.graph.model.SystemEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DetectorGrowthTest {

  private static List<String> ids(AlertUpdate a) {
    return a.chain().stream().map(ChainStep::eventId).toList();
  }

  @Test
  void aCopyLeftOnTheInstallerGrowsTheReportedChainNotItsShorterOwn() {
    Harness h = new Harness(DetectorLinkTest.install());
    Events t = new Events("h1");
    SystemEvent connect = t.connect(11, 3, "203.0.113.9", 4444);
    SystemEvent download = t.write(11, "/tmp/x", 4);
    SystemEvent install = t.write(11, "/usr/local/bin/t", 4);
    SystemEvent other1 = t.write(10, "/usr/local/bin/t", 4);
    SystemEvent other2 = t.write(10, "/usr/local/bin/t", 4);
    h.feed(connect, download);
    assertThat(h.feed(install)).singleElement().satisfies(a -> assertThat(a.chain()).hasSize(3));
    h.feed(other1, other2);
    AlertUpdate longest = h.alerts.get(h.alerts.size() - 1);
    assertThat(ids(longest))
        .containsExactly(
            connect.eventId(),
            download.eventId(),
            install.eventId(),
            other1.eventId(),
            other2.eventId());

    SystemEvent again = t.write(11, "/usr/local/bin/t", 4);
    List<AlertUpdate> grown = h.feed(again);

    assertThat(grown)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.id()).isEqualTo(longest.id());
              assertThat(ids(a))
                  .containsSequence(ids(longest))
                  .endsWith(again.eventId())
                  .hasSize(6);
            });
    assertThat(h.detector.counters().alertsRaised()).isEqualTo(1);
    assertThat(h.detector.counters().alertsGrown()).isEqualTo(3);
  }

  @Test
  void aLaggingCopyThatCompletesStillAlertsAndKeepsTheStoryReported() {
    Harness h = new Harness(DetectorLinkTest.downloadExecute());
    Events t = new Events("h1");
    SystemEvent connect = t.connect(10, 5, "203.0.113.7", 80);
    h.feed(connect, t.write(10, "/tmp/x", 6), t.write(10, "/tmp/y", 7), t.fork(1, 11));
    h.feed(t.fork(1, 12));
    SystemEvent execX = t.exec(11, "/tmp/x", "/tmp/x");
    AlertUpdate first = h.feed(execX).get(0);
    SystemEvent execY = t.exec(12, "/tmp/y", "/tmp/y");

    List<AlertUpdate> second = h.feed(execY);

    assertThat(ids(first)).containsExactly(connect.eventId(), execX.eventId());
    assertThat(second)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.id()).isEqualTo(first.id());
              assertThat(ids(a))
                  .containsExactly(connect.eventId(), execX.eventId(), execY.eventId());
            });
  }

  @Test
  void theReportedChainLivesInTheStoreSoARestoredDetectorContinuesIt() {
    Harness h = new Harness(DetectorLinkTest.downloadExecute());
    Events t = new Events("h1");
    h.feed(t.connect(10, 5, "203.0.113.7", 80), t.write(10, "/tmp/x", 6), t.write(10, "/tmp/y", 7));
    h.feed(t.fork(1, 11), t.fork(1, 12));
    AlertUpdate first = h.feed(t.exec(11, "/tmp/x", "/tmp/x")).get(0);
    Detector restored =
        new Detector(
            List.of(DetectorLinkTest.downloadExecute()), h.store, DetectorConfig.defaults());
    SystemEvent execY = t.exec(12, "/tmp/y", "/tmp/y");

    List<AlertUpdate> second = restored.apply(execY, h.builder.apply(execY));

    assertThat(second)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(ids(a)).containsSequence(ids(first)).endsWith(execY.eventId());
            });
    assertThat(restored.counters().alertsGrown()).isEqualTo(1);
    assertThat(restored.counters().alertsRaised()).isZero();
  }

  @Test
  void theReportedChainExpiresWithItsCopies() {
    Harness h = new Harness(DetectorLinkTest.install());
    Events t = new Events("h1");
    h.feed(t.connect(11, 3, "203.0.113.9", 4444), t.write(11, "/tmp/x", 4));
    h.feed(t.write(11, "/usr/local/bin/t", 4), t.write(10, "/usr/local/bin/t", 4));
    String id = h.alerts.get(0).id();
    assertThat(h.store.keysDueBy(Long.MAX_VALUE, 100)).contains("alert:" + id);
    long expiry = h.alerts.get(0).firstSeenNanos() + Duration.ofMinutes(1).toNanos();

    h.detector.expire(expiry);
    assertThat(h.store.keysDueBy(Long.MAX_VALUE, 100)).containsExactly("alert:" + id);
    h.detector.expire(expiry + 1);

    assertThat(h.store.keysDueBy(Long.MAX_VALUE, 100)).isEmpty();
  }

  @Test
  void aFullChainKeepsWhatWasReportedAndEndsWithTheLatestEvent() {
    Harness h = new Harness(new DetectorConfig(32, 4, 100, 8), DetectorLinkTest.install());
    Events t = new Events("h1");
    h.feed(t.connect(11, 3, "203.0.113.9", 4444), t.write(11, "/tmp/x", 4));
    h.feed(t.write(11, "/usr/local/bin/t", 4));
    List<SystemEvent> writes = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      writes.add(t.write(10 + i % 2, "/usr/local/bin/t", 4));
    }
    AlertUpdate before = h.alerts.get(h.alerts.size() - 1);
    for (SystemEvent w : writes) {
      AlertUpdate after = h.feed(w).get(0);
      assertThat(after.chain()).hasSize(4);
      assertThat(ids(after)).startsWith(ids(before).subList(0, 3).toArray(String[]::new));
      assertThat(ids(after)).endsWith(w.eventId());
      before = after;
    }
  }
}
