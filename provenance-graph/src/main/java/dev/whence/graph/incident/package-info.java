/**
 * Incident grouping and cross-host correlation over alerts, free of I/O: the {@link
 * dev.whence.graph.incident.IncidentCorrelator} joins alerts that are causally connected within a
 * time window (and through {@link dev.whence.graph.incident.CrossHostHop}s across hosts) into one
 * incident, and raises the built-in lateral-movement alert when a connection from one watched host
 * led to an alert on another.
 */
package dev.whence.graph.incident;
