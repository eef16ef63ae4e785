package dev.whence.collector.linux.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArgvCacheTest {

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void returnsACopyOfTheArgvRememberedForTheSameBytes() {
    ArgvCache cache = new ArgvCache();
    byte[] line = ascii("proctitle=6C73002D6C");
    assertThat(cache.get(line, 10, 10)).isNull();
    cache.put(line, 10, 10, List.of("ls", "-l"));

    List<String> first = cache.get(ascii("xx6C73002D6C"), 2, 10);
    assertThat(first).containsExactly("ls", "-l");
    first.add("changed");
    assertThat(cache.get(line, 10, 10)).containsExactly("ls", "-l");
  }

  @Test
  void missesForOtherBytesOfTheSameLengthAndForTooLongValues() {
    ArgvCache cache = new ArgvCache();
    byte[] line = ascii("6C73002D6C");
    cache.put(line, 0, line.length, List.of("ls", "-l"));
    assertThat(cache.get(ascii("6C73002D61"), 0, 10)).isNull();
    assertThat(cache.get(line, 0, 8)).isNull();

    byte[] long_ = new byte[ArgvCache.MAX_HEX + 2];
    java.util.Arrays.fill(long_, (byte) '6');
    cache.put(long_, 0, long_.length, List.of("x"));
    assertThat(cache.get(long_, 0, long_.length)).isNull();
  }
}
