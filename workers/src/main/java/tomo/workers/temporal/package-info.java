/**
 * Temporal wiring: {@link tomo.workers.temporal.TomoWorkers} (service, client, worker factory with
 * tomo's plugins, one worker per task queue), the choice of trainer, the embedded test server and
 * the {@code --temporal}/{@code --namespace} options. Imports tomo.workflows (plugins, task
 * queues), the activity implementations of tomo.activities, Temporal's SDK, gRPC and picocli (the
 * options).
 */
package tomo.workers.temporal;
