package dev.whence.topology.rules;

import dev.whence.graph.detect.Rule;

/**
 * A rule with where it came from, for publication on {@code whence.rules} ({@code RuleSource}).
 *
 * @param origin file the rule was read from
 * @param line line where the rule's document starts
 * @param text the YAML document of this rule
 */
public record LoadedRule(Rule rule, String origin, int line, String text) {}
