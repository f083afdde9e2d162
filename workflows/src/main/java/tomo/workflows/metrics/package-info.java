/**
 * The sweep numbers workflow code reports, by name, through Temporal's replay-safe metrics scope
 * ({@link tomo.workflows.metrics.SweepMetrics}). Imports the Tally scope API only; the Prometheus
 * side is tomo.workers.metrics.
 */
package tomo.workflows.metrics;
