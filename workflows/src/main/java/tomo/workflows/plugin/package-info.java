/**
 * Plugins that add tomo to a Temporal worker in one line: {@link
 * tomo.workflows.plugin.OrchestrationPlugin} (the sweep workflows and the prepare and report
 * activities) and {@link tomo.workflows.plugin.TrainingPlugin} (the training activity with bounded
 * concurrency). The activity implementations are handed in by the caller. Imports
 * tomo.workflows.sweep, tomo.workflows.activity and Temporal's worker API.
 */
package tomo.workflows.plugin;
