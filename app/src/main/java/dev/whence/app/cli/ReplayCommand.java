package dev.whence.app.cli;

import dev.whence.app.broker.TopicInitializer;
import dev.whence.app.config.ConfigFlags;
import dev.whence.app.config.Setting;
import dev.whence.app.config.WhenceConfig;
import dev.whence.app.run.PublisherSettings;
import dev.whence.app.run.RecordingReplayer;
import dev.whence.app.run.ReplayResult;
import dev.whence.collector.publish.KafkaPublisher;
import dev.whence.collector.publish.PublishFailure;
import dev.whence.collector.publish.PublisherConfig;
import dev.whence.schemas.Topics;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code whence replay}: Publish recorded trace files to Kafka as events. */
@Command(name = "replay", description = "Publish recorded trace files to Kafka as events.")
public final class ReplayCommand extends WhenceCommand {

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Recordings to replay.")
  List<Path> files;

  @Option(
      names = "--bootstrap",
      paramLabel = "HOST:PORT[,HOST:PORT...]",
      description = "Kafka bootstrap servers.")
  String bootstrap;

  @Option(
      names = "--host",
      paramLabel = "ID",
      description = "Host id to stamp on the replayed events (default: the host name).")
  String host;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "Data directory; the spool of unsent records is DIR/spool/replay (default: ~/.whence).")
  String dataDir;

  @Override
  protected ConfigFlags flags() {
    return ConfigFlags.none()
        .put(Setting.BOOTSTRAP, bootstrap)
        .put(Setting.HOST_ID, "--host", host)
        .put(Setting.DATA_DIR, dataDir);
  }

  @Override
  protected int execute(WhenceConfig config) throws Exception {
    String brokers = requiredBootstrap(config);
    if (brokers == null) {
      return EXIT_USAGE;
    }
    TopicInitializer.ensureTopics(brokers, Topics.all(), Duration.ofSeconds(60));
    AtomicReference<PublishFailure> failure = new AtomicReference<>();
    PublisherConfig publisherConfig = PublisherSettings.of(config, brokers, "replay");
    try (KafkaPublisher publisher =
        KafkaPublisher.start(publisherConfig, Clock.systemUTC(), position -> {}, failure::set)) {
      RecordingReplayer replayer =
          new RecordingReplayer(publisher, config.hostId(), Clock.systemUTC());
      for (Path file : files) {
        ReplayResult result = replayer.replay(file);
        out()
            .printf(
                "%s: %,d lines -> %,d events, %,d rejected%n",
                result.source(), result.lines(), result.events(), result.rejected());
        out().flush();
      }
      if (!publisher.awaitIdle(Duration.ofMinutes(10)) || failure.get() != null) {
        err()
            .println(
                "whence replay: not everything was acknowledged by Kafka"
                    + (failure.get() == null ? "" : ": " + failure.get())
                    + "; unsent records stay in the spool "
                    + publisherConfig.spoolDir()
                    + " and go first at the next replay");
        err().flush();
        return 1;
      }
    } catch (IOException e) {
      err().println("whence replay: " + e.getMessage());
      err().flush();
      return 1;
    }
    return 0;
  }
}
