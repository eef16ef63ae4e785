package dev.whence.collector.linux.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whence.collector.linux.live.SourcePosition.FilePosition;
import org.junit.jupiter.api.Test;

class PositionBookTest {

  private static FilePosition line(long n) {
    return new FilePosition(7, n * 100, n);
  }

  @Test
  void aTokenStandsForTheLineBeforeIt() {
    PositionBook book = new PositionBook();
    for (long n = 1; n <= 5; n++) {
      assertThat(book.line(line(n))).isEqualTo(n);
    }

    book.tokenOf(4);

    assertThat(book.positionForToken(4)).isEqualTo(line(3));
    assertThat(book.held()).as("lines before line 3 are forgotten").isEqualTo(3);
  }

  @Test
  void nothingBeforeTheFirstLineIsAcknowledged() {
    PositionBook book = new PositionBook();
    book.line(line(1));

    book.tokenOf(1);

    assertThat(book.positionForToken(1)).isNull();
  }

  @Test
  void anAcknowledgementNeverGoesPastItsToken() {
    PositionBook book = new PositionBook();
    for (long n = 1; n <= 10; n++) {
      book.line(line(n));
    }
    book.tokenOf(3);
    book.tokenOf(8);

    assertThat(book.positionForToken(5))
        .as("between two tokens: the earlier one")
        .isEqualTo(line(2));
    book.release(8);
    assertThat(book.positionForToken(5)).isNull();
    assertThat(book.positionForToken(8)).isEqualTo(line(7));
  }
}
