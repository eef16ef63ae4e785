package dev.whence.graph.identity;

/**
 * Names the site (network domain) a host belongs to; flows between private addresses are stitched
 * only between hosts of the same site. The default puts every host in one site.
 */
@FunctionalInterface
public interface FlowScopePolicy {

  /** The site of {@code host}; must be deterministic. */
  String siteOf(String host);

  /** Every host in the single site {@code default}. */
  static FlowScopePolicy singleSite() {
    return host -> "default";
  }
}
