/**
 * Detection rules as YAML files: {@link dev.whence.topology.rules.RuleLoader} parses them into the
 * domain model of {@code dev.whence.graph.detect}, refusing invalid ones with file, line and
 * reason; {@link dev.whence.topology.rules.RuleSet} is the versioned result.
 */
package dev.whence.topology.rules;
