/**
 * The provenance graph inside the topology: mapping Avro events to the domain, the graph processor
 * over persistent state stores, and the cross-host stitching of connections.
 */
package dev.whence.topology.graph;
