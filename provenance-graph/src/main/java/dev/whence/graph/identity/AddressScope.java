package dev.whence.graph.identity;

/**
 * How widely an address identifies the same machine, which decides how widely a flow key is shared.
 * Ordered from narrowest to widest; a flow takes the narrowest scope of its two endpoints.
 */
public enum AddressScope {
  /** Meaningful on one host only: loopback, link-local, wildcard, or not an IP literal. */
  HOST,
  /** Meaningful within one site: RFC 1918, carrier-grade NAT, IPv6 unique-local, multicast. */
  SITE,
  /** Globally routable. */
  GLOBAL
}
