package dev.whence.graph.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class IdentityTest {

  @Test
  void uuid5MatchesTheRfcExample() {
    UUID dns = UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8");

    assertThat(Uuid5.of(dns, "www.example.com"))
        .isEqualTo(UUID.fromString("2ed6657d-e927-568b-95e1-2665a8aea6a2"));
  }

  @Property
  void naturalKeysOfDifferentPartsNeverCollide(
      @ForAll String a, @ForAll String b, @ForAll String c, @ForAll String d) {
    boolean sameParts = a.equals(c) && b.equals(d);

    assertThat(NaturalKey.of("t", a, b).equals(NaturalKey.of("t", c, d))).isEqualTo(sameParts);
  }

  @Test
  void nullPartsDifferFromAnyString() {
    assertThat(NaturalKey.of("t", (Object) null)).isNotEqualTo(NaturalKey.of("t", "-"));
    assertThat(NaturalKey.of("t", (Object) null)).isNotEqualTo(NaturalKey.of("t", ""));
  }

  @Test
  void endpointsAreCanonicalAndScoped() {
    assertThat(Endpoint.parse("::FFFF:10.1.2.3", 22))
        .isEqualTo(new Endpoint("10.1.2.3", 22, AddressScope.SITE));
    assertThat(Endpoint.parse("[::1]", 80).scope()).isEqualTo(AddressScope.HOST);
    assertThat(Endpoint.parse("fe80::1%eth0", 80).scope()).isEqualTo(AddressScope.HOST);
    assertThat(Endpoint.parse("fd00::1", 80).scope()).isEqualTo(AddressScope.SITE);
    assertThat(Endpoint.parse("100.64.0.1", 80).scope()).isEqualTo(AddressScope.SITE);
    assertThat(Endpoint.parse("0.0.0.0", 80).scope()).isEqualTo(AddressScope.HOST);
    assertThat(Endpoint.parse("2001:db8::1", 443).text()).isEqualTo("[2001:db8:0:0:0:0:0:1]:443");
    assertThat(Endpoint.parse("8.8.8.8", 70000).text()).isEqualTo("8.8.8.8:?");
    assertThat(Endpoint.parse(" ", 1)).isNull();
  }

  @Test
  void namesAndInvalidLiteralsAreOpaqueAndNeverLookedUp() {
    assertThat(Endpoint.parse("localhost", 80))
        .isEqualTo(new Endpoint("localhost", 80, AddressScope.HOST));
    assertThat(Endpoint.parse("999.1.1.1", 80).scope()).isEqualTo(AddressScope.HOST);
    assertThat(Endpoint.parse("1:2:3", 80).scope()).isEqualTo(AddressScope.HOST);
  }

  @Property
  void aFlowKeyIsTheSameFromBothEnds(
      @ForAll("addresses") String x, @ForAll("addresses") String y, @ForAll int p, @ForAll int q) {
    Endpoint a = Endpoint.parse(x, Math.floorMod(p, 65536));
    Endpoint b = Endpoint.parse(y, Math.floorMod(q, 65536));
    FlowKey fromA = FlowKey.of("host-a", "s", "tcp", a, b);
    FlowKey fromB = FlowKey.of("host-b", "s", "TCP", b, a);

    if (fromA.scope().equals("HOST")) {
      assertThat(fromA).isNotEqualTo(fromB);
    } else {
      assertThat(fromA).isEqualTo(fromB);
    }
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<String> addresses() {
    return net.jqwik.api.Arbitraries.of(
        "127.0.0.1",
        "10.0.0.1",
        "10.0.0.2",
        "192.168.1.1",
        "203.0.113.9",
        "198.51.100.7",
        "2001:db8::1",
        "::1",
        "fe80::1",
        "not-an-ip");
  }

  @Test
  void pathsAreNormalizedLexically() {
    assertThat(PathNames.normalize("/tmp/../etc//passwd", null)).isEqualTo("/etc/passwd");
    assertThat(PathNames.normalize("x/./y", "/home/u")).isEqualTo("/home/u/x/y");
    assertThat(PathNames.normalize("../../../..", "/a")).isEqualTo("/");
    assertThat(PathNames.normalize("rel", null)).isEqualTo("rel");
  }

  @Test
  void nodeIdsArePureFunctionsOfTheirKeys() {
    assertThat(NodeIds.processEntity("h", "b", 1, 2))
        .isEqualTo(NodeIds.processEntity("h", "b", 1, 2));
    assertThat(NodeIds.processEntity("h", "b", 1, 2))
        .isNotEqualTo(NodeIds.processEntity("h", "b", 1, 3));
    assertThat(NodeIds.fileByPath("h", "/a")).isNotEqualTo(NodeIds.fileByPath("g", "/a"));
    assertThat(UUID.fromString(NodeIds.host("h")).version()).isEqualTo(5);
  }
}
