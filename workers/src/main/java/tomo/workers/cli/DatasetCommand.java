package tomo.workers.cli;

import picocli.CommandLine.Command;

/** {@code tomo dataset …}: look at a dataset and build its graph cache. */
@Command(
    name = "dataset",
    mixinStandardHelpOptions = true,
    description = "Inspect a materials dataset and build its crystal-graph cache.",
    subcommands = {DatasetGraphsCommand.class})
public final class DatasetCommand {}
