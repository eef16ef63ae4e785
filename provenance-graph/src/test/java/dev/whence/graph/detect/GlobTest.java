package dev.whence.graph.detect;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class GlobTest {

  @Test
  void segmentsAndSetsMatchAsDocumented() {
    assertThat(Glob.of("/usr/bin/*").matches("/usr/bin/curl")).isTrue();
    assertThat(Glob.of("/usr/bin/*").matches("/usr/bin/x/curl")).isFalse();
    assertThat(Glob.of("/usr/**").matches("/usr/bin/x/curl")).isTrue();
    assertThat(Glob.of("**/.ssh/*").matches("/home/a/.ssh/id_rsa")).isTrue();
    assertThat(Glob.of("/tmp/?.sh").matches("/tmp/a.sh")).isTrue();
    assertThat(Glob.of("/tmp/[ab].sh").matches("/tmp/c.sh")).isFalse();
    assertThat(Glob.of("/tmp/[!ab].sh").matches("/tmp/c.sh")).isTrue();
    assertThat(Glob.of("/etc/passwd").matches("/etc/passwd")).isTrue();
    assertThat(Glob.of("/etc/passwd").matches("/etc/passwd2")).isFalse();
    assertThat(Glob.of("a]b*c").matches("a]bxc")).isTrue();
    assertThat(Glob.of("ab*ba").matches("aba")).isFalse();
    assertThat(Glob.of("*").matches(null)).isFalse();
    assertThat(Glob.of("**/sshd").matches("/usr/sbin/sshd")).isTrue();
    assertThat(Glob.of("**/sshd").matches("/usr/sbin/xsshd")).isFalse();
    assertThat(Glob.of("**/systemd*").matches("/lib/systemd/systemd-udevd")).isTrue();
    assertThat(Glob.of("**/systemd*").matches("/usr/lib/systemd/x")).isFalse();
    assertThat(Glob.of("**/*").matches("relative")).isFalse();
  }

  /** The file-name shapes of the rule pack agree with the regular expression. */
  @Property(tries = 2000)
  void fileNameShapesAgreeWithTheRegularExpression(
      @ForAll("names") String name, @ForAll boolean prefix, @ForAll("values") String value) {
    Glob glob = Glob.of("**/" + name + (prefix ? "*" : ""));
    assertThat(glob.matches(value)).isEqualTo(glob.regex().matcher(value).matches());
  }

  @Provide
  Arbitrary<String> names() {
    return Arbitraries.strings().withChars("ab/.]\\c").ofMaxLength(3);
  }

  /** The literal start/end shortcut never changes the regular expression's answer. */
  @Property(tries = 2000)
  void theShortcutAgreesWithTheRegularExpression(
      @ForAll("patterns") String pattern, @ForAll("values") String value) {
    Glob glob = Glob.of(pattern);
    assertThat(glob.matches(value)).isEqualTo(glob.regex().matcher(value).matches());
  }

  @Provide
  Arbitrary<String> patterns() {
    return Arbitraries.of("a", "b", "/", "*", "**", "?", "[ab]", "[!a]", "]", ".", "\\")
        .list()
        .ofMinSize(1)
        .ofMaxSize(6)
        .map(parts -> String.join("", parts));
  }

  @Provide
  Arbitrary<String> values() {
    return Arbitraries.strings().withChars("ab/.]\\c").ofMaxLength(8);
  }
}
