package dev.whence.collector.linux.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class RawFieldMapTest {

  @Property(tries = 300)
  void buildsTheSameMapAsPutIfAbsentAndPut(
      @ForAll @Size(max = 200) List<@IntRange(max = 60) Integer> keys,
      @ForAll @IntRange(max = 70) int expected) {
    RawFieldMap raw = new RawFieldMap(expected);
    Map<String, String> reference = new HashMap<>();
    int n = 0;
    for (int k : keys) {
      String key = "SYSCALL.k" + k;
      String value = "v" + n++;
      if (k % 3 == 0) {
        raw.addOrReplace(key, value);
        reference.put(key, value);
      } else {
        raw.addIfAbsent(key, value);
        reference.putIfAbsent(key, value);
      }
    }
    assertThat(raw).isEqualTo(reference);
    assertThat(raw.hashCode()).isEqualTo(reference.hashCode());
    assertThat(raw).hasSize(reference.size());
    for (int k = 0; k <= 61; k++) {
      String key = "SYSCALL.k" + k;
      assertThat(raw.get(key)).isEqualTo(reference.get(key));
      assertThat(raw.containsKey(key)).isEqualTo(reference.containsKey(key));
    }
    assertThat(raw.get(7)).isNull();
    assertThat(raw.entrySet()).containsExactlyInAnyOrderElementsOf(reference.entrySet());
  }

  @Property(tries = 100)
  void staysAnOrdinaryMapAfterAChange(
      @ForAll @Size(max = 30) List<@IntRange(max = 20) Integer> keys) {
    RawFieldMap raw = new RawFieldMap(4);
    Map<String, String> reference = new HashMap<>();
    for (int k : keys) {
      raw.addIfAbsent("k" + k, "v" + k);
      reference.putIfAbsent("k" + k, "v" + k);
    }
    raw.values().removeIf(v -> v.equals("v5"));
    reference.values().removeIf(v -> v.equals("v5"));
    assertThat(raw).isEqualTo(reference);
    assertThat(raw.put("extra", "1")).isNull();
    reference.put("extra", "1");
    assertThat(raw.remove("k3")).isEqualTo(reference.remove("k3"));
    raw.keySet().removeIf(k -> k.endsWith("1"));
    reference.keySet().removeIf(k -> k.endsWith("1"));
    assertThat(raw).isEqualTo(reference);
    raw.clear();
    assertThat(raw).isEmpty();
  }
}
