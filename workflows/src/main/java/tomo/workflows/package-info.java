/**
 * A tomo sweep's durable orchestration on Temporal: the workflows ({@code sweep}), the activity
 * interfaces they call ({@code activity}, {@code hooks}), the records they exchange ({@code
 * model}), the client ({@code client}), the worker plugins ({@code plugin}), replay-safe metrics
 * ({@code metrics}) and the task queue names ({@link tomo.workflows.TaskQueues}). The module
 * depends on no other tomo module and holds no ML code and no I/O: it imports Temporal, Jackson and
 * SLF4J, never tomo.materials, tomo.cgcnn or tomo.activities, an ML engine, files or the network.
 * Activities implement its interfaces; workers wire both.
 */
package tomo.workflows;
