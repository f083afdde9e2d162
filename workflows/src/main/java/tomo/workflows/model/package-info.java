/**
 * The records workflows, activities and clients exchange (the sweep spec and its parser, training
 * requests and outcomes, group and sweep progress and results): immutable, validated and mapped by
 * Jackson, so that running histories and stored files keep loading. Imports Jackson,
 * tomo.workflows.hooks ({@link tomo.workflows.hooks.SweepHooks}) and {@link
 * tomo.workflows.TaskQueues}; no Temporal API and no I/O (the parser reads text; callers read the
 * file).
 */
package tomo.workflows.model;
