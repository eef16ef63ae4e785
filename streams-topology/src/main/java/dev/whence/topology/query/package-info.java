/** The HTTP query service over the topology's state stores (interactive queries). */
package dev.whence.topology.query;
