package dev.whence.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whence.topology.graph.GraphSettings;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GraphOptionsTest {

  @Test
  void theDefaultsAreTheGraphTopologysDefaults() {
    GraphSettings graph = GraphSettings.defaults();

    GraphOptions options = GraphOptions.defaults();

    assertThat(options.graphCacheEntries()).isEqualTo(graph.cacheEntries());
    assertThat(options.incidentWindow()).isEqualTo(graph.incidents().window());
    assertThat(options.stitchWindow()).isEqualTo(graph.stitchWindow());
    assertThat(options.processIdleTtl()).isEqualTo(graph.config().processIdleTtl());
    assertThat(options.exitedProcessGrace()).isEqualTo(graph.config().exitedProcessGrace());
    assertThat(options.fileIdleTtl()).isEqualTo(graph.config().fileIdleTtl());
    assertThat(options.graphExpiryInterval()).isEqualTo(graph.expiryInterval());
    assertThat(options.incidentMaxMembers()).isEqualTo(graph.incidents().maxMembers());
    assertThat(options.incidentMaxChain()).isEqualTo(graph.incidents().maxChain());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "graphCacheEntries   | 1",
        "graphCacheEntries   | 10000000",
        "processIdleTtl      | PT0.001S",
        "processIdleTtl      | PT8760H",
        "exitedProcessGrace  | PT1H",
        "fileIdleTtl         | PT8760H",
        "graphExpiryInterval | PT1S",
        "graphExpiryInterval | PT1H",
        "incidentMaxMembers  | 1",
        "incidentMaxMembers  | 10000000",
        "incidentMaxChain    | 2",
        "incidentMaxChain    | 4096",
      })
  void eachBoundItselfIsAccepted(String component, String value) {
    GraphOptions options = with(component, value);

    assertThat(accessor(component).apply(options)).hasToString(value);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "graphCacheEntries   | 0        | graphCacheEntries must be in 1..10000000, not 0",
        "graphCacheEntries   | 10000001 | graphCacheEntries must be in 1..10000000, not 10000001",
        "incidentWindow      | PT0S     | incidentWindow must be positive, not PT0S",
        "stitchWindow        | PT-1S    | stitchWindow must be positive, not PT-1S",
        "processIdleTtl      | PT0S     | processIdleTtl must be positive and at most PT8760H, not PT0S",
        "processIdleTtl      | PT8761H  | processIdleTtl must be positive and at most PT8760H, not PT8761H",
        "exitedProcessGrace  | PT61M    | exitedProcessGrace must be positive and at most PT1H, not PT1H1M",
        "fileIdleTtl         | PT-1H    | fileIdleTtl must be positive and at most PT8760H, not PT-1H",
        "graphExpiryInterval | PT0.999S | graphExpiryInterval must be in PT1S..PT1H, not PT0.999S",
        "graphExpiryInterval | PT1H0.001S | graphExpiryInterval must be in PT1S..PT1H, not PT1H0.001S",
        "incidentMaxMembers  | 0        | incidentMaxMembers must be in 1..10000000, not 0",
        "incidentMaxChain    | 1        | incidentMaxChain must be in 2..4096, not 1",
        "incidentMaxChain    | 4097     | incidentMaxChain must be in 2..4096, not 4097",
      })
  void aValueOutOfItsBoundsFailsNamingTheSettingAndItsBounds(
      String component, String value, String message) {
    assertThatThrownBy(() -> with(component, value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "incidentWindow",
        "stitchWindow",
        "processIdleTtl",
        "exitedProcessGrace",
        "fileIdleTtl",
        "graphExpiryInterval"
      })
  void aMissingDurationFailsNamingIt(String component) {
    assertThatThrownBy(() -> with(component, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage(component);
  }

  /**
   * The defaults with {@code component} set to {@code value} (a whole number or an ISO duration).
   */
  private static GraphOptions with(String component, String value) {
    RecordComponent[] components = GraphOptions.class.getRecordComponents();
    assertThat(components).extracting(RecordComponent::getName).contains(component);
    GraphOptions defaults = GraphOptions.defaults();
    Object[] args = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      RecordComponent c = components[i];
      if (!c.getName().equals(component)) {
        args[i] = accessor(c.getName()).apply(defaults);
      } else if (value == null) {
        args[i] = null;
      } else {
        args[i] = c.getType() == int.class ? Integer.parseInt(value) : Duration.parse(value);
      }
    }
    Class<?>[] types =
        Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
    try {
      return GraphOptions.class.getDeclaredConstructor(types).newInstance(args);
    } catch (InvocationTargetException e) {
      throw (RuntimeException) e.getCause();
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("cannot construct GraphOptions", e);
    }
  }

  private static Function<GraphOptions, Object> accessor(String component) {
    return options -> {
      try {
        return GraphOptions.class.getMethod(component).invoke(options);
      } catch (ReflectiveOperationException e) {
        throw new AssertionError("no component " + component, e);
      }
    };
  }
}
