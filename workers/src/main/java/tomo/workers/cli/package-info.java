/**
 * The commands of {@code tomo} (picocli) and their terminal output ({@link
 * tomo.workers.cli.ProgressPrinter}, {@link tomo.workers.cli.StatusRenderer}): each parses its
 * options, calls the module that does the work (the report package, the dataset reader, the
 * trainer, the sweep client, the Temporal workers) and prints the outcome, or the error in words.
 * Report files are rendered by tomo.activities.report, never here. Imports any tomo module,
 * picocli, Jackson and progressbar.
 */
package tomo.workers.cli;
