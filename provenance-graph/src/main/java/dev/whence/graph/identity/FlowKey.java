package dev.whence.graph.identity;

import java.util.Locale;

/**
 * The canonical key of a network flow, identical at both ends of a connection: the protocol and the
 * two endpoints in canonical order, qualified by the scope in which the addresses are meaningful.
 *
 * <p>Scope rules (the documented answer to ambiguous addresses):
 *
 * <ul>
 *   <li>GLOBAL: both addresses public; the key has no host, so a connect on host A and the accept
 *       on host B yield the same flow id and a causal path A's process → flow → B's process.
 *   <li>SITE: the narrower address is private (RFC 1918, CGNAT, ULA); the key carries the site of
 *       the host ({@link FlowScopePolicy}), so two hosts of one site stitch, while equal private
 *       addresses of two different sites never do.
 *   <li>HOST: loopback, link-local, wildcard or non-IP addresses, or an endpoint (or port) unknown;
 *       the key carries the host, so such flows never join across hosts. A collector that cannot
 *       report the local endpoint therefore gets correct but unstitched flows. Protocol must be
 *       reported alike at both ends (or not at all) for the keys to match; an unknown protocol is
 *       {@code ip}. NAT between the ends defeats stitching.
 * </ul>
 */
public record FlowKey(String scope, String scopeName, String protocol, String low, String high) {

  /** Wildcard text of an unknown endpoint. */
  public static final String UNKNOWN_ENDPOINT = "*";

  /**
   * The key of a flow seen on {@code host} (which belongs to {@code site}) between {@code local}
   * and {@code remote}, either of which may be null when unknown.
   */
  public static FlowKey of(
      String host, String site, String protocol, Endpoint local, Endpoint remote) {
    String proto =
        protocol == null || protocol.isBlank() ? "ip" : protocol.strip().toLowerCase(Locale.ROOT);
    AddressScope scope = scopeOf(local, remote);
    String lowText = text(local);
    String highText = text(remote);
    if (lowText.compareTo(highText) > 0) {
      String swap = lowText;
      lowText = highText;
      highText = swap;
    }
    String scopeName =
        switch (scope) {
          case HOST -> host;
          case SITE -> "site:" + site;
          case GLOBAL -> "*";
        };
    return new FlowKey(scope.name(), scopeName, proto, lowText, highText);
  }

  private static AddressScope scopeOf(Endpoint local, Endpoint remote) {
    if (local == null || remote == null || local.port() == null || remote.port() == null) {
      return AddressScope.HOST;
    }
    return local.scope().compareTo(remote.scope()) <= 0 ? local.scope() : remote.scope();
  }

  private static String text(Endpoint endpoint) {
    return endpoint == null ? UNKNOWN_ENDPOINT : endpoint.text();
  }
}
