/**
 * Entity identity: name-based UUIDs (v5) of natural keys, canonical flow keys shared by both ends
 * of a connection, and address scopes that decide how widely a flow key is shared.
 */
package dev.whence.graph.identity;
