package dev.whence.app.cli;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.whence.app.config.ConfigFlags;
import dev.whence.app.config.Setting;
import dev.whence.app.config.WhenceConfig;
import dev.whence.app.run.TerminalText;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code whence query}: Ask a running query service (alerts, backtrack, forward...). */
@Command(
    name = "query",
    resourceBundle = HelpValues.BUNDLE,
    description = "Ask a running query service (alerts, backtrack, forward...).")
public final class QueryCommand extends WhenceCommand {

  @Parameters(
      index = "0",
      paramLabel = "WHAT",
      description = "alerts, incidents, backtrack, forward, search, stats or health.")
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
      description =
          "Port of the HTTP query service and web UI (default: ${bundle:http-port.default}; 0: any"
              + " free port).")
  String httpPort;

  @Option(
      names = "--server",
      paramLabel = "HOST",
      description = "Host of the query service (default: ${DEFAULT-VALUE}).")
  String server = "localhost";

  /** Queries this build answers, with the path they ask. */
  private static final Map<String, String> PATHS =
      Map.of(
          "health",
          "/api/health",
          "stats",
          "/api/stats",
          "alerts",
          "/api/alerts",
          "incidents",
          "/api/incidents");

  @Override
  protected ConfigFlags flags() {
    return ConfigFlags.none().put(Setting.HTTP_PORT, httpPort);
  }

  @Override
  protected int execute(WhenceConfig config) throws InterruptedException {
    String path = PATHS.get(what);
    if (path == null) {
      err()
          .println(
              "whence query "
                  + TerminalText.safe(what)
                  + " is not available in this build yet (try: alerts, incidents, stats, health)");
      err().flush();
      return EXIT_NOT_AVAILABLE;
    }
    URI uri = URI.create("http://" + server + ":" + config.httpPort() + path);
    try {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
                  HttpResponse.BodyHandlers.ofString());
      out().println(json ? response.body() : pretty(response.body()));
      out().flush();
      return response.statusCode() == 200 ? 0 : 1;
    } catch (IOException e) {
      err().println("whence query: no query service at " + uri + " (" + e.getMessage() + ")");
      err().flush();
      return 1;
    }
  }

  private static String pretty(String body) {
    try {
      ObjectMapper mapper = new ObjectMapper();
      return mapper
          .writerWithDefaultPrettyPrinter()
          .with(JsonWriteFeature.ESCAPE_NON_ASCII)
          .writeValueAsString(mapper.readTree(body));
    } catch (IOException e) {
      return body;
    }
  }
}
