/**
 * The workflows: {@link tomo.workflows.sweep.SweepWorkflow} (prepare, one {@link
 * tomo.workflows.sweep.CellGroupWorkflow} child per target and representation, aggregate, render,
 * hooks and retry rounds), the child, {@link tomo.workflows.sweep.TrainingPlan} and the activity
 * options. Deterministic code: time, waiting and logging go through {@code Workflow}; no I/O, no
 * threads, no randomness. Imports tomo.workflows.model, .activity, .hooks and .metrics, Temporal's
 * workflow API and SLF4J's interface.
 */
package tomo.workflows.sweep;
