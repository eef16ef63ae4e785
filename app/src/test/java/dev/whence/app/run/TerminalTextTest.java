package dev.whence.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class TerminalTextTest {

  @Test
  void escapesTerminalControlSequencesAndBidiOverrides() {
    assertThat(TerminalText.safe("/tmp/\u001b[2J\u001b]0;owned\u0007x\r\n"))
        .isEqualTo("/tmp/\\x1b[2J\\x1b]0;owned\\x07x\\x0d\\x0a");
    assertThat(TerminalText.safe("evil\u202etxt.sh")).isEqualTo("evil<U+202E>txt.sh");
    assertThat(TerminalText.safe("\u009b31m")).isEqualTo("<U+009B>31m");
    assertThat(TerminalText.safe(null)).isEqualTo("-");
    assertThat(TerminalText.safe("/usr/bin/café")).isEqualTo("/usr/bin/café");
  }

  @Test
  void cutsLongText() {
    assertThat(TerminalText.safe("a".repeat(5000)))
        .hasSize(TerminalText.MAX_CHARS + 3)
        .endsWith("...");
  }

  @Property
  void neverLetsAControlCharacterThrough(@ForAll String text) {
    assertThat(TerminalText.safe(text).codePoints())
        .noneMatch(cp -> Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT);
  }
}
