/**
 * The provenance vocabulary: the source-neutral input event ({@link
 * dev.whence.graph.model.SystemEvent}) and the graph it becomes (a sealed {@link
 * dev.whence.graph.model.Node} hierarchy and causal {@link dev.whence.graph.model.Edge}s oriented
 * in the direction information flows).
 */
package dev.whence.graph.model;
