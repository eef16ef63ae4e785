package dev.whence.graph.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Pins ids computed before the UUID v5 code was shared, so that no stored id ever changes. */
class Uuid5Test {

  private static final UUID ALERTS = UUID.fromString("6f1d3c9e-2b7a-4f0e-9a51-7c2d8e4b1a03");
  private static final UUID INCIDENTS = UUID.fromString("6b1d7f0e-4c0a-5d3e-9a51-0c7e1d2b8f44");

  @Test
  void idsAreThoseOfEarlierReleases() {
    assertThat(Uuid5.of(ALERTS, "rule-1\nevt-1"))
        .hasToString("c5823137-b7ad-5e8e-a77e-2e8960a04700");
    assertThat(Uuid5.of(INCIDENTS, "alert-1")).hasToString("c5f31d14-0b86-5ed7-aeaf-d0b9484e34c2");
    assertThat(Uuid5.of(NodeIds.NAMESPACE, "\ud800 lone"))
        .hasToString("39946424-9e69-52b3-9c0c-25c0fe9aa846");
  }

  @Test
  void nodeIdsAreThoseOfEarlierReleases() {
    assertThat(NodeIds.processEntity("web-01", "boot-1", 4242, 81_234L))
        .isEqualTo("b2607e15-6d82-5b73-a540-8151be706c07");
    assertThat(NodeIds.fileByInode("web-01", "fd:01", 131_077L))
        .isEqualTo("3703ea8d-b4f2-5c4b-8341-000ae6490183");
    assertThat(NodeIds.fileByPath("web-01", "/etc/pass\nwd"))
        .isEqualTo("03fb09b6-f015-58c8-bef9-f7c518c5f5b8");
    assertThat(NodeIds.host("h")).isEqualTo("9d722a34-89a9-5354-8891-065413f05ba5");
    assertThat(NodeIds.edge("2a43e90c-0acc-5f2c-83e4-03d61d6f08aa", 1))
        .isEqualTo("96513558-ab97-5dec-b37f-4d9512fc8626");
  }

  @Property
  void everyIdIsVersionFiveOfTheRfcVariant(@ForAll String name) {
    UUID id = Uuid5.of(NodeIds.NAMESPACE, name);

    assertThat(id.version()).isEqualTo(5);
    assertThat(id.variant()).isEqualTo(2);
    assertThat(Uuid5.of(NodeIds.NAMESPACE, name)).isEqualTo(id);
  }

  @Test
  void threadsComputingAtOnceGetTheIdsOfOneThread() throws Exception {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      names.add("name-" + i + "-" + "x".repeat(i % 90));
    }
    List<UUID> alone = names.stream().map(n -> Uuid5.of(ALERTS, n)).toList();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<UUID>>> runs = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        runs.add(pool.submit(() -> names.stream().map(n -> Uuid5.of(ALERTS, n)).toList()));
      }
      for (Future<List<UUID>> run : runs) {
        assertThat(run.get()).isEqualTo(alone);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
