package dev.whence.topology.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

class CachingStringDeserializerTest {

  private final CachingStringDeserializer keys = new CachingStringDeserializer();

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void theSameBytesAgainGiveTheSameStringInstance() {
    String first = keys.deserialize("t", utf8("web-1"));
    String again = keys.deserialize("t", utf8("web-1"));

    assertThat(again).isEqualTo("web-1").isSameAs(first);
    assertThat(keys.deserialize("t", utf8("web-2"))).isEqualTo("web-2");
    assertThat(keys.deserialize("t", utf8("web-1"))).isSameAs(first);
  }

  @Test
  void keepsTheHostsOfEveryPartitionNotJustTheLastFew() {
    List<String> first = new ArrayList<>();
    for (int h = 0; h < 24; h++) {
      first.add(keys.deserialize("t", utf8("host-" + h)));
    }
    for (int h = 0; h < 24; h++) {
      assertThat(keys.deserialize("t", utf8("host-" + h))).isSameAs(first.get(h));
    }
  }

  @Test
  void changingTheInputArrayAfterwardsDoesNotChangeWhatIsKept() {
    byte[] bytes = utf8("web-1");
    keys.deserialize("t", bytes);
    bytes[4] = '2';

    assertThat(keys.deserialize("t", bytes)).isEqualTo("web-2");
    assertThat(keys.deserialize("t", utf8("web-1"))).isEqualTo("web-1");
  }

  @Test
  void longKeysAreDecodedEveryTimeNotKept() {
    String longKey = "h".repeat(CachingStringDeserializer.MAX_KEY_BYTES + 1);
    String first = keys.deserialize("t", utf8(longKey));
    String again = keys.deserialize("t", utf8(longKey));

    assertThat(again).isEqualTo(longKey).isNotSameAs(first);
  }

  @Test
  void nullAndEmptyKeys() {
    assertThat(keys.deserialize("t", null)).isNull();
    assertThat(keys.deserialize("t", new byte[0])).isEmpty();
  }

  @Test
  void invalidUtf8DecodesAsTheStandardDeserializerDoes() {
    byte[] bad = {'h', (byte) 0xC3, (byte) 0x28, (byte) 0xFF};
    String expected = new StringDeserializer().deserialize("t", bad);

    assertThat(keys.deserialize("t", bad)).isEqualTo(expected);
    assertThat(keys.deserialize("t", bad)).isEqualTo(expected);
  }

  @Test
  void threadsSharingOneInstanceEachGetTheirKeys() throws Exception {
    CachingStringDeserializer shared = new CachingStringDeserializer();
    int threads = 4;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int offset = t;
        done.add(
            pool.submit(
                () -> {
                  int checked = 0;
                  for (int i = 0; i < 200_000; i++) {
                    String key = "host-" + ((i * 7 + offset) % 600);
                    assertThat(shared.deserialize("t", utf8(key))).isEqualTo(key);
                    checked++;
                  }
                  return checked;
                }));
      }
      for (Future<Integer> f : done) {
        assertThat(f.get()).isEqualTo(200_000);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** 21 distinct keys, more than are kept: hits, misses and replacements all happen. */
  @Property(tries = 200)
  void alwaysDecodesAsTheStandardDeserializer(
      @ForAll @Size(max = 60)
          List<@StringLength(max = 2) @CharRange(from = 'a', to = 'd') String> hosts) {
    StringDeserializer standard = new StringDeserializer();
    CachingStringDeserializer caching = new CachingStringDeserializer();
    for (String host : hosts) {
      byte[] bytes = utf8(host);
      assertThat(caching.deserialize("t", bytes)).isEqualTo(standard.deserialize("t", bytes));
    }
  }
}
