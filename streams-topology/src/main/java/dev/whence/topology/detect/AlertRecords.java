package dev.whence.topology.detect;

import dev.whence.avro.Alert;
import dev.whence.avro.AlertObject;
import dev.whence.avro.AlertProcess;
import dev.whence.avro.Ancestor;
import dev.whence.avro.ChainStep;
import dev.whence.avro.NodeKind;
import dev.whence.avro.Operation;
import dev.whence.avro.Severity;
import dev.whence.graph.detect.AlertUpdate;
import java.util.List;

/**
 * Maps the detector's {@link AlertUpdate} to the Avro {@link Alert} and back, field by field (a
 * cmdline goes back to argv split at single spaces, which joins to the same text).
 */
public final class AlertRecords {

  private AlertRecords() {}

  /** The Avro alert of an update ({@code incidentId} stays null). */
  public static Alert alert(AlertUpdate a) {
    return Alert.newBuilder()
        .setId(a.id())
        .setRuleId(a.ruleId())
        .setRuleVersion(a.ruleVersion())
        .setTitle(a.title())
        .setSeverity(Severity.valueOf(a.severity().name()))
        .setScore(Double.isNaN(a.score()) ? 0.0 : a.score())
        .setTechniques(List.copyOf(a.techniques()))
        .setHost(a.host())
        .setIncidentId(null)
        .setFirstSeenNanos(a.firstSeenNanos())
        .setLastSeenNanos(a.lastSeenNanos())
        .setChain(a.chain().stream().map(AlertRecords::step).toList())
        .build();
  }

  /** The domain view of an Avro alert (its {@code incidentId} is not part of it). */
  public static AlertUpdate update(Alert a) {
    return new AlertUpdate(
        a.getId(),
        a.getRuleId(),
        a.getRuleVersion(),
        a.getTitle(),
        dev.whence.graph.detect.Severity.valueOf(a.getSeverity().name()),
        a.getScore(),
        a.getTechniques(),
        a.getHost(),
        a.getFirstSeenNanos(),
        a.getLastSeenNanos(),
        a.getChain().stream().map(AlertRecords::domainStep).toList());
  }

  private static dev.whence.graph.detect.ChainStep domainStep(ChainStep s) {
    AlertObject o = s.getObject();
    return new dev.whence.graph.detect.ChainStep(
        s.getEventId(),
        s.getTimestampNanos(),
        dev.whence.graph.model.Operation.valueOf(s.getOperation().name()),
        domainProcess(s.getSubject()),
        o == null
            ? null
            : new dev.whence.graph.detect.AlertObject(
                o.getNodeId(),
                dev.whence.graph.model.NodeKind.valueOf(o.getKind().name()),
                o.getName()));
  }

  private static dev.whence.graph.detect.AlertProcess domainProcess(AlertProcess p) {
    return new dev.whence.graph.detect.AlertProcess(
        p.getNodeId(),
        p.getPid(),
        p.getExe(),
        argv(p.getCmdline()),
        p.getUid(),
        p.getStartNanos() == null ? 0L : p.getStartNanos(),
        p.getAncestors().stream()
            .map(
                a ->
                    new dev.whence.graph.model.Ancestor(
                        a.getNodeId(),
                        a.getPid(),
                        a.getExe(),
                        argv(a.getCmdline()),
                        a.getUid(),
                        a.getStartNanos() == null ? 0L : a.getStartNanos()))
            .toList());
  }

  private static List<String> argv(String cmdline) {
    return cmdline == null ? List.of() : List.of(cmdline.split(" ", -1));
  }

  private static ChainStep step(dev.whence.graph.detect.ChainStep s) {
    return ChainStep.newBuilder()
        .setEventId(s.eventId())
        .setTimestampNanos(s.timestampNanos())
        .setOperation(Operation.valueOf(s.operation().name()))
        .setSubject(process(s.subject()))
        .setObject(s.object() == null ? null : object(s.object()))
        .build();
  }

  private static AlertProcess process(dev.whence.graph.detect.AlertProcess p) {
    return AlertProcess.newBuilder()
        .setNodeId(p.nodeId())
        .setPid(p.pid())
        .setExe(p.exe())
        .setCmdline(cmdline(p.argv()))
        .setUid(p.uid())
        .setStartNanos(p.startNanos())
        .setAncestors(p.ancestors().stream().map(AlertRecords::ancestor).toList())
        .build();
  }

  private static Ancestor ancestor(dev.whence.graph.model.Ancestor a) {
    return Ancestor.newBuilder()
        .setNodeId(a.nodeId())
        .setPid(a.pid())
        .setExe(a.exe())
        .setCmdline(cmdline(a.argv()))
        .setUid(a.uid())
        .setStartNanos(a.startNanos())
        .build();
  }

  private static AlertObject object(dev.whence.graph.detect.AlertObject o) {
    return AlertObject.newBuilder()
        .setNodeId(o.nodeId() == null ? "" : o.nodeId())
        .setKind(NodeKind.valueOf(o.kind().name()))
        .setName(o.name())
        .build();
  }

  private static String cmdline(List<String> argv) {
    return argv == null || argv.isEmpty() ? null : String.join(" ", argv);
  }
}
