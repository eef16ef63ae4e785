package dev.whence.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Pins ids computed before the UUID v5 code was shared, so that no stored id ever changes. */
class EventIdsTest {

  @Test
  void eventIdsAreThoseOfEarlierReleases() {
    assertThat(EventIds.of("host-a", "b7c1e0d2-0f43-4a8e-9d0c-2d1f3e4a5b6c", 81_234L))
        .isEqualTo("2a43e90c-0acc-5f2c-83e4-03d61d6f08aa");
    assertThat(EventIds.of("conf-host", "b00t", 5))
        .isEqualTo("6af68b40-4232-5027-b38d-1ad0a09707ed");
    assertThat(EventIds.of("hôst-ü\u2603", "boot", -1L))
        .isEqualTo("445047c7-ebb9-5b4d-8091-a31614e0618e");
    assertThat(EventIds.of("", "", Long.MAX_VALUE))
        .isEqualTo("2500ae24-5034-5c77-bab1-71454dfb62b8");
  }

  @Test
  void nameUuidsAreThoseOfEarlierReleases() {
    assertThat(EventIds.nameUuid(EventIds.NAMESPACE, "stitch\u0000e1\u0000e2"))
        .hasToString("cc68e18e-eaf7-5b2c-80a5-fe0f0ae70b4f");
    UUID bootNamespace = UUID.fromString("0b5e3c52-8a0c-4d6c-bf43-2f0e6b1c9a77");
    assertThat(EventIds.nameUuid(bootNamespace, "h\u00001700000000.123:42"))
        .hasToString("9121e933-06b2-5dd8-93ff-997f6441f34e");
    UUID graph = UUID.fromString("b1f3a7c2-52d4-4e0b-8c6e-3d9a0f4e7a21");
    assertThat(EventIds.nameUuid(graph, "\ud800 lone"))
        .as("a lone surrogate is encoded as '?', as String.getBytes does")
        .hasToString("39946424-9e69-52b3-9c0c-25c0fe9aa846");
  }

  @Test
  void nameUuidMatchesTheRfcExample() {
    UUID dns = UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8");

    assertThat(EventIds.nameUuid(dns, "www.example.com"))
        .isEqualTo(UUID.fromString("2ed6657d-e927-568b-95e1-2665a8aea6a2"));
  }
}
