/**
 * Turns events into graph updates: {@link dev.whence.graph.build.GraphBuilder#apply} maps one
 * {@link dev.whence.graph.model.SystemEvent} to the nodes to upsert, the edges to append and the
 * notes or rejection explaining what it did, reading and writing only the {@link
 * dev.whence.graph.state.GraphState} port.
 */
package dev.whence.graph.build;
