package dev.whence.topology.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whence.graph.state.KeyValueTable;
import dev.whence.graph.state.SortedMapTable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class KnownKeysTableTest {

  /** A table in memory that counts the reads that reach it. */
  private static final class CountingTable implements KeyValueTable {
    final SortedMapTable inner = new SortedMapTable();
    int reads;

    @Override
    public byte[] get(String key) {
      reads++;
      return inner.get(key);
    }

    @Override
    public void put(String key, byte[] value) {
      inner.put(key, value);
    }

    @Override
    public void delete(String key) {
      inner.delete(key);
    }

    @Override
    public List<byte[]> valuesWithPrefix(String prefix) {
      return inner.valuesWithPrefix(prefix);
    }

    @Override
    public List<Map.Entry<String, byte[]>> range(String from, String to, int max) {
      return inner.range(from, to, max);
    }

    @Override
    public void forEach(BiConsumer<String, byte[]> action) {
      inner.forEach(action);
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aKeyNeverWrittenIsAnsweredWithoutReadingTheTable() {
    CountingTable below = new CountingTable();
    KnownKeysTable table = new KnownKeysTable(below);

    assertThat(table.get("p/host-1/42")).isNull();
    assertThat(below.reads).isZero();
    assertThat(table.skippedReads()).isEqualTo(1);
  }

  @Test
  void keysTheTableHeldBeforeAndKeysWrittenSinceAreRead() {
    CountingTable below = new CountingTable();
    below.put("p/restored", bytes("r"));
    KnownKeysTable table = new KnownKeysTable(below);
    table.put("p/new", bytes("n"));

    assertThat(table.get("p/restored")).isEqualTo(bytes("r"));
    assertThat(table.get("p/new")).isEqualTo(bytes("n"));
    assertThat(below.reads).isEqualTo(2);
  }

  @Test
  void theKeysAreReadAgainFromTheTableWhenTheirSetHasDoubled() {
    CountingTable below = new CountingTable();
    KnownKeysTable table = new KnownKeysTable(below);
    table.get("first read");
    for (int i = 0; i < KnownKeysTable.MIN_REREAD; i++) {
      table.put("gone-" + i, bytes("g"));
      table.delete("gone-" + i);
    }
    table.put("kept", bytes("k"));

    assertThat(table.get("gone-7")).isNull();
    assertThat(table.get("kept")).isEqualTo(bytes("k"));
    assertThat(below.reads).as("only the key the table holds is read").isEqualTo(1);
  }

  @Test
  void aFullVisitReadsTheKeysSoTheFirstReadNeedsNoScanOfItsOwn() {
    CountingTable below = new CountingTable();
    below.put("p/restored", bytes("r"));
    KnownKeysTable table = new KnownKeysTable(below);
    List<String> visited = new ArrayList<>();
    table.forEach((key, value) -> visited.add(key));
    below.put("p/behind-its-back", bytes("b"));

    assertThat(visited).containsExactly("p/restored");
    assertThat(table.get("p/restored")).isEqualTo(bytes("r"));
    assertThat(table.get("p/behind-its-back"))
        .as("the set was read by the visit, before this key was put below")
        .isNull();
  }

  /** Whatever the order of writes, deletes and reads, a read returns what the table holds. */
  @Property(tries = 300)
  void readsReturnWhatTheTableHolds(
      @ForAll @Size(max = 200) List<@IntRange(min = 0, max = 299) Integer> ops) {
    CountingTable below = new CountingTable();
    below.put("k3", bytes("before"));
    KnownKeysTable table = new KnownKeysTable(below);
    Map<String, String> model = new HashMap<>(Map.of("k3", "before"));
    for (int op : ops) {
      String key = "k" + (op % 10);
      switch (op / 100) {
        case 0 -> {
          table.put(key, bytes("v" + op));
          model.put(key, "v" + op);
        }
        case 1 -> {
          table.delete(key);
          model.remove(key);
        }
        default -> {
          String want = model.get(key);
          assertThat(table.get(key)).isEqualTo(want == null ? null : bytes(want));
        }
      }
    }
  }
}
