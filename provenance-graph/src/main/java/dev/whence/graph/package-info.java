/** The provenance domain: entities, identity, information flow and detection, free of I/O. */
package dev.whence.graph;
