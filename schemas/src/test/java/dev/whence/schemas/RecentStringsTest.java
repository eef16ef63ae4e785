package dev.whence.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class RecentStringsTest {

  private static final int MAX_BYTES = 128;

  private final RecentStrings recent = new RecentStrings(2048, MAX_BYTES);

  @Test
  void aRepeatedStringIsTheSameInstance() {
    String first = decode("/usr/lib/x86_64-linux-gnu/libc.so.6");
    String again = decode("/usr/lib/x86_64-linux-gnu/libc.so.6");

    assertThat(again).isEqualTo("/usr/lib/x86_64-linux-gnu/libc.so.6").isSameAs(first);
  }

  @Test
  void stringsThatDifferOnlyInTheirMiddleStayApart() {
    String libc = decode("/usr/lib/x86_64-linux-gnu/libc.so.6");
    String libm = decode("/usr/lib/x86_64-linux-gnu/libm.so.6");

    assertThat(decode("/usr/lib/x86_64-linux-gnu/libc.so.6")).isEqualTo(libc);
    assertThat(decode("/usr/lib/x86_64-linux-gnu/libm.so.6")).isEqualTo(libm);
  }

  @Test
  void aPrefixOfAKeptStringIsNotTakenForIt() {
    String whole = decode("/etc/passwd");

    assertThat(decode("/etc/pass")).isEqualTo("/etc/pass");
    assertThat(decode("/etc/passwd")).isSameAs(whole);
  }

  @Test
  void aTableTooLargeForOneArrayIsRefused() {
    assertThatThrownBy(() -> new RecentStrings(1 << 20, 1 << 12))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aLongStringIsDecodedAfreshEachTime() {
    String path = "/home/user/" + "d".repeat(MAX_BYTES);

    String first = decode(path);

    assertThat(decode(path)).isEqualTo(path).isNotSameAs(first);
  }

  @Test
  void readsFromTheMiddleOfALargerBuffer() {
    byte[] buf = "xx/etc/passwdyy".getBytes(StandardCharsets.UTF_8);

    assertThat(recent.get(buf, 2, 11)).isEqualTo("/etc/passwd");
    assertThat(recent.get(buf, 2, 0)).isEmpty();
  }

  @Property(tries = 300)
  void everyLookupGivesTheDecodedBytes(
      @ForAll @Size(min = 1, max = 400) List<@StringLength(max = 40) String> texts) {
    RecentStrings table = new RecentStrings(2048, MAX_BYTES);
    for (String text : texts) {
      byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
      assertThat(table.get(utf8, 0, utf8.length))
          .isEqualTo(new String(utf8, StandardCharsets.UTF_8));
    }
  }

  /** Four slots of eight bytes: strings share slots, replace each other and exceed the limit. */
  @Property(tries = 300)
  void aSmallTableStillGivesTheDecodedBytes(
      @ForAll @Size(min = 1, max = 200) List<@StringLength(max = 10) String> texts) {
    RecentStrings table = new RecentStrings(4, 8);
    for (String text : texts) {
      byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
      assertThat(table.get(utf8, 0, utf8.length))
          .isEqualTo(new String(utf8, StandardCharsets.UTF_8));
    }
  }

  private String decode(String text) {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    return recent.get(utf8, 0, utf8.length);
  }
}
