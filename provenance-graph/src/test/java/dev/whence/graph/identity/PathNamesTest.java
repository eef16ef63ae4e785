package dev.whence.graph.identity;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class PathNamesTest {

  @Test
  void removesEmptyDotAndDotDotSegments() {
    assertThat(PathNames.normalize("/tmp/../etc//passwd", null)).isEqualTo("/etc/passwd");
    assertThat(PathNames.normalize("/etc/./passwd/", null)).isEqualTo("/etc/passwd");
    assertThat(PathNames.normalize("/..", null)).isEqualTo("/");
    assertThat(PathNames.normalize("/", null)).isEqualTo("/");
    assertThat(PathNames.normalize("x/../y", "/home/u")).isEqualTo("/home/u/y");
    assertThat(PathNames.normalize("x", "relative")).isEqualTo("x");
    assertThat(PathNames.normalize("/a/.b/..c/...", null)).isEqualTo("/a/.b/..c/...");
  }

  @Property(tries = 2000)
  void anAlreadyNormalPathIsReturnedAsIsAndAnyOtherIsRebuilt(@ForAll("paths") String path) {
    assertThat(PathNames.normalize(path, null)).isEqualTo(PathNames.rebuild(path));
  }

  @Provide
  Arbitrary<String> paths() {
    Arbitrary<String> segment = Arbitraries.of("", ".", "..", "...", ".a", "a.", "etc", "x y", "é");
    return segment.list().ofMaxSize(6).map(s -> "/" + String.join("/", s));
  }
}
