/**
 * Incremental detection over the provenance graph: rules ({@link dev.whence.graph.detect.Rule})
 * describe causal chains as ordered steps; the {@link dev.whence.graph.detect.Detector} carries
 * partial matches on graph nodes, moves them along information flow as edges arrive and reports
 * {@link dev.whence.graph.detect.AlertUpdate}s. State goes through the port {@link
 * dev.whence.graph.detect.MatchStore}, so that a Streams state store can back it.
 */
package dev.whence.graph.detect;
