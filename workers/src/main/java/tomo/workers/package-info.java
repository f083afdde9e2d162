/**
 * The workers module, where everything is wired: the {@code tomo} command line ({@link
 * tomo.workers.TomoCli}) with its commands in tomo.workers.cli, the Temporal workers and server in
 * tomo.workers.temporal, and the process metrics in tomo.workers.metrics. The top of the module
 * graph: it may import every other tomo module, and none imports it.
 */
package tomo.workers;
