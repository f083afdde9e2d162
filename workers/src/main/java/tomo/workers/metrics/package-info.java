/**
 * A tomo process's Prometheus metrics: tomo's own meters and the small API the rest of tomo reports
 * through, the trainer wrapper that feeds them, the bridge from the Temporal SDK's and the
 * workflows' metrics scope into Micrometer, and the {@code /metrics} endpoint. Imports
 * tomo.activities.training (the trainer seam), tomo.workflows.metrics and .model, Micrometer, the
 * Prometheus exporter and Tally, and picocli for the {@code --metrics-*} options; no terminal
 * output (that is tomo.workers.cli).
 */
package tomo.workers.metrics;
