package dev.whence.app.cli;

import dev.whence.app.config.ConfigFlags;
import dev.whence.app.config.Setting;
import dev.whence.app.config.WhenceConfig;
import dev.whence.app.run.DemoOutcome;
import dev.whence.app.run.DemoReport;
import dev.whence.app.run.DemoRun;
import dev.whence.app.run.ScratchDirectory;
import dev.whence.app.run.ShutdownSignal;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code whence demo}: Replay the bundled recordings and print the alerts. */
@Command(
    name = "demo",
    resourceBundle = HelpValues.BUNDLE,
    description = "Replay the bundled recordings and print the alerts.")
public final class DemoCommand extends WhenceCommand {

  @Option(
      names = "--json",
      description = "Print one JSON alert per line on stdout and nothing else.")
  boolean json;

  @Option(
      names = "--serve",
      description = "Keep the query service and web UI running after the replay.")
  boolean serve;

  @Option(
      names = "--http-port",
      paramLabel = "PORT",
      description =
          "Port of the HTTP query service and web UI (default: ${bundle:http-port.default}; 0: any"
              + " free port).")
  String httpPort;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Data directory: broker data, spool, Streams state (default: ~/.whence).")
  String dataDir;

  private Path scratch;

  @Override
  protected ConfigFlags flags() {
    return ConfigFlags.none()
        .put(Setting.HTTP_PORT, httpPort)
        .put(Setting.DATA_DIR, dataDir != null ? dataDir : scratchDir().toString());
  }

  @Override
  protected int execute(WhenceConfig config) throws Exception {
    int port = serve ? config.httpPort() : 0;
    PrintWriter report = json ? err() : out();
    err().println("whence demo: starting Kafka, the topology and the query service ...");
    err().flush();
    try (DemoRun demo = new DemoRun(config, Clock.systemUTC())) {
      DemoOutcome outcome = demo.run(port);
      DemoReport.print(outcome, report);
      if (json) {
        DemoReport.printJson(outcome.alerts(), out());
      }
      if (serve) {
        err()
            .printf(
                "whence demo: serving http://localhost:%d/api/stats ; Ctrl-C stops%n",
                outcome.httpPort());
        err().flush();
        ShutdownSignal signal = ShutdownSignal.install("whence-demo");
        signal.register(demo);
        signal.await();
      }
      return 0;
    } finally {
      if (scratch != null) {
        ScratchDirectory.delete(scratch);
      }
    }
  }

  private Path scratchDir() {
    if (scratch == null) {
      scratch = ScratchDirectory.create("whence-demo-");
    }
    return scratch;
  }
}
