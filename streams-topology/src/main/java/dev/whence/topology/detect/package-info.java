/** Detection in the topology: alerts to Avro, the rule pack bundled and from whence.rules. */
package dev.whence.topology.detect;
