package dev.whence.graph.identity;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EndpointTest {

  @Property
  void aDottedQuadIsAnAddressExactlyWhenEveryOctetIsAtMost255(
      @ForAll @IntRange(min = 11, max = 99) int a,
      @ForAll @IntRange(min = 0, max = 999) int b,
      @ForAll @IntRange(min = 0, max = 999) int c,
      @ForAll @IntRange(min = 0, max = 999) int d) {
    String text = a + "." + b + "." + c + "." + d;

    Endpoint e = Endpoint.parse(text, 443);

    boolean valid = b <= 255 && c <= 255 && d <= 255;
    assertThat(e.scope() == AddressScope.GLOBAL).isEqualTo(valid);
    assertThat(e.address()).isEqualTo(text);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1.2.3",
        "1.2.3.4.5",
        "1..2.3",
        ".1.2.3",
        "1.2.3.",
        "1234.1.1.1",
        "1.2.3.4a",
        "١.2.3.4",
        "g::1",
        ":",
        "1.2.3.-4"
      })
  void whatIsNotAnIpLiteralStaysAnOpaqueHostName(String text) {
    Endpoint e = Endpoint.parse(text, 80);

    assertThat(e.scope()).isEqualTo(AddressScope.HOST);
    assertThat(e.address()).isEqualTo(text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"2001:DB8::1", "[2001:db8::1]", "2001:db8:0:0:0:0:0:1"})
  void ipv6LiteralsInAnyCaseAreNormalized(String text) {
    assertThat(Endpoint.parse(text, 80).address()).isEqualTo("2001:db8:0:0:0:0:0:1");
  }
}
