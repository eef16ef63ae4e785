/**
 * Incident grouping in the topology: the alerts of {@code build-graph} and the cross-host edges of
 * {@code stitch-connections} meet in one task ({@link
 * dev.whence.topology.incident.IncidentProcessor}), which runs the domain's {@code
 * IncidentCorrelator}, sets each alert's {@code incidentId}, raises lateral movement, and is the
 * one writer of {@code whence.alerts}.
 */
package dev.whence.topology.incident;
