package dev.whence.app.cli;

import dev.whence.app.config.ConfigFlags;
import dev.whence.app.config.Setting;
import dev.whence.app.config.WhenceConfig;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code whence query}: Ask a running query service (alerts, backtrack, forward...). */
@Command(
    name = "query",
    description = "Ask a running query service (alerts, backtrack, forward...).")
public final class QueryCommand extends WhenceCommand {

  @Parameters(
      index = "0",
      paramLabel = "WHAT",
      description = "alerts, backtrack, forward, search, stats or health.")
  String what;

  @Parameters(
      index = "1..*",
      arity = "0..*",
      paramLabel = "ARG",
      description = "Arguments of the query, e.g. a node id.")
  List<String> args;

  @Option(names = "--json", description = "Print the service's JSON answer unchanged.")
  boolean json;

  @Option(
      names = "--http-port",
      paramLabel = "PORT",
      description = "Port of the HTTP query service and web UI (default: 7070; 0: any free port).")
  String httpPort;

  @Override
  protected ConfigFlags flags() {
    return ConfigFlags.none().put(Setting.HTTP_PORT, httpPort);
  }

  @Override
  protected int execute(WhenceConfig config) {
    return notAvailable();
  }
}
