package dev.whence.topology.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whence.avro.Alert;
import dev.whence.graph.detect.AlertObject;
import dev.whence.graph.detect.AlertProcess;
import dev.whence.graph.detect.AlertUpdate;
import dev.whence.graph.detect.ChainStep;
import dev.whence.graph.detect.Severity;
import dev.whence.graph.model.Ancestor;
import dev.whence.graph.model.NodeKind;
import dev.whence.graph.model.Operation;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertRecordsTest {

  private static AlertUpdate sample() {
    Ancestor parent = new Ancestor("n1", 1, "/bin/sh", List.of("sh", "-c", "a  b "), 0L, 5L);
    AlertProcess p =
        new AlertProcess("n2", 2, "/bin/x", List.of("x", "", "y z"), 1000L, 7L, List.of(parent));
    ChainStep first =
        new ChainStep("e1", 10, Operation.CONNECT, p, new AlertObject("f", NodeKind.FLOW, "1:2"));
    ChainStep second = new ChainStep("e2", 20, Operation.EXECUTE, p, null);
    return new AlertUpdate(
        "id",
        "rule",
        3,
        "title",
        Severity.CRITICAL,
        91,
        List.of("T1"),
        "h",
        10,
        20,
        List.of(first, second));
  }

  @Test
  void anAvroAlertMapsBackToTheSameAlert() {
    Alert avro = AlertRecords.alert(sample());

    AlertUpdate back = AlertRecords.update(avro);

    assertThat(AlertRecords.alert(back)).isEqualTo(avro);
    assertThat(back.chain().get(0).subject().ancestors().get(0).nodeId()).isEqualTo("n1");
  }
}
