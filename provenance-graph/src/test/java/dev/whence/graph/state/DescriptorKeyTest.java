package dev.whence.graph.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whence.graph.identity.NaturalKey;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class DescriptorKeyTest {

  @Property
  void theStoreKeyIsTheProcessPrefixThenTheFdAsANaturalKeyPart(
      @ForAll String host, @ForAll int pid, @ForAll int fd) {
    DescriptorKey key = new DescriptorKey(host, pid, fd);
    String prefix = NaturalKey.of("d", host, pid) + "#";

    assertThat(DescriptorKey.prefixOf(key.process())).isEqualTo(prefix);
    assertThat(key.storeKey()).isEqualTo(prefix + NaturalKey.of("", fd)).startsWith(prefix);
  }
}
