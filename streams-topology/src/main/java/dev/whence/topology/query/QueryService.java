package dev.whence.topology.query;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP query service of one topology instance: health and statistics as JSON, answered across
 * every instance of the application (each asks the others for their local part).
 */
public final class QueryService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(QueryService.class);

  /**
   * How the service writes its answers and reads the other instances' (package-visible for tests).
   */
  static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final KafkaStreams streams;
  private final HostInfo self;
  private final HttpServer server;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /**
   * Starts serving on {@code bindAddress:port} (port 0 picks a free one).
   *
   * @param streams the running topology instance
   * @param bindAddress address to listen on
   * @param port port to listen on
   * @param advertised {@code host:port} the other instances reach this one at, or null to use the
   *     bound address
   */
  public static QueryService start(
      KafkaStreams streams, String bindAddress, int port, String advertised) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(bindAddress, port), 0);
    HostInfo self =
        advertised == null
            ? new HostInfo(bindAddress, server.getAddress().getPort())
            : HostInfo.buildFromEndpoint(advertised);
    QueryService service = new QueryService(streams, self, server);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/api/health", service::health);
    server.createContext("/api/stats", service::stats);
    server.createContext("/api/alerts", service::alerts);
    server.createContext("/api/incidents", service::incidents);
    server.createContext("/", service::notFound);
    server.start();
    return service;
  }

  private QueryService(KafkaStreams streams, HostInfo self, HttpServer server) {
    this.streams = streams;
    this.self = self;
    this.server = server;
  }

  /** The port this service listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Statistics over every instance of the application. */
  public Stats stats() {
    Stats local = new LocalStats(streams).read();
    List<HostStats> partials = new ArrayList<>(local.hosts());
    Map<String, Long> expired = new TreeMap<>(local.expired());
    long alerts = local.alerts();
    Map<String, Long> detection = new TreeMap<>(local.detection());
    for (StreamsMetadata other : streams.metadataForAllStreamsClients()) {
      if (!other.hostInfo().equals(self)) {
        Stats remote = remote(other.hostInfo(), "/api/stats?scope=local", Stats.class);
        partials.addAll(remote.hosts());
        remote.expired().forEach((k, v) -> expired.merge(k, v, Long::sum));
        alerts += remote.alerts();
        remote.detection().forEach((k, v) -> detection.merge(k, v, Long::sum));
      }
    }
    return Stats.of(partials, expired, alerts, detection);
  }

  /** The alerts over every instance of the application that the query admits, newest first. */
  public List<AlertView> alerts(AlertQuery query) {
    List<AlertView> all = new ArrayList<>(new LocalAlerts(streams).read(query));
    for (StreamsMetadata other : streams.metadataForAllStreamsClients()) {
      if (!other.hostInfo().equals(self)) {
        AlertView[] remote =
            remote(
                other.hostInfo(),
                "/api/alerts?scope=local&" + query.queryString(),
                AlertView[].class);
        all.addAll(List.of(remote));
      }
    }
    return query.select(all);
  }

  private <T> T remote(HostInfo host, String pathAndQuery, Class<T> type) {
    URI uri = URI.create("http://" + host.host() + ":" + host.port() + pathAndQuery);
    try {
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(uri + " answered " + response.statusCode());
      }
      return JSON.readValue(response.body(), type);
    } catch (IOException e) {
      throw new IllegalStateException("instance " + uri + " did not answer: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while asking " + uri, e);
    }
  }

  private void health(HttpExchange exchange) throws IOException {
    KafkaStreams.State state = streams.state();
    boolean up = state == KafkaStreams.State.RUNNING;
    send(exchange, up ? 200 : 503, Map.of("status", up ? "UP" : "DOWN", "state", state.name()));
  }

  private void stats(HttpExchange exchange) throws IOException {
    try {
      boolean local = "scope=local".equals(exchange.getRequestURI().getQuery());
      Stats stats = local ? new LocalStats(streams).read() : stats();
      send(exchange, 200, stats);
    } catch (InvalidStateStoreException | IllegalStateException e) {
      send(exchange, 503, Map.of("error", "statistics not available yet: " + e.getMessage()));
    }
  }

  private void alerts(HttpExchange exchange) throws IOException {
    Map<String, String> params = params(exchange.getRequestURI().getRawQuery());
    AlertQuery query;
    try {
      query = AlertQuery.parse(params.get("since"), params.get("limit"));
    } catch (IllegalArgumentException e) {
      send(exchange, 400, Map.of("error", e.getMessage()));
      return;
    }
    try {
      boolean local = "local".equals(params.get("scope"));
      send(exchange, 200, local ? new LocalAlerts(streams).read(query) : alerts(query));
    } catch (InvalidStateStoreException | IllegalStateException e) {
      send(exchange, 503, Map.of("error", "alerts not available yet: " + e.getMessage()));
    }
  }

  /**
   * {@code GET /api/incidents?since=&limit=}: the incidents over every instance whose last alert is
   * at or after {@code since}, newest first, at most {@code limit}.
   */
  private void incidents(HttpExchange exchange) throws IOException {
    Map<String, String> params = params(exchange.getRequestURI().getRawQuery());
    AlertQuery query;
    try {
      query = AlertQuery.parse(params.get("since"), params.get("limit"));
    } catch (IllegalArgumentException e) {
      send(exchange, 400, Map.of("error", e.getMessage()));
      return;
    }
    try {
      List<AlertView> all = alerts(new AlertQuery(Long.MIN_VALUE, AlertQuery.MAX_LIMIT));
      send(
          exchange,
          200,
          IncidentView.of(all).stream()
              .filter(i -> i.lastSeen() >= query.sinceNanos())
              .limit(query.limit())
              .toList());
    } catch (InvalidStateStoreException | IllegalStateException e) {
      send(exchange, 503, Map.of("error", "incidents not available yet: " + e.getMessage()));
    }
  }

  private static Map<String, String> params(String rawQuery) {
    Map<String, String> out = new TreeMap<>();
    if (rawQuery == null || rawQuery.length() > 4096) {
      return out;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        out.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  private void notFound(HttpExchange exchange) throws IOException {
    send(
        exchange,
        404,
        Map.of(
            "error",
            "no such resource",
            "endpoints",
            List.of("/api/health", "/api/stats", "/api/alerts", "/api/incidents")));
  }

  private static void send(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    LOG.debug("query service on port {} stopped", port());
  }
}
