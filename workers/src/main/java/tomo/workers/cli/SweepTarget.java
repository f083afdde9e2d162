package tomo.workers.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import tomo.workers.temporal.TemporalOptions;
import tomo.workflows.client.SweepClient;

/**
 * The sweep a {@code tomo sweep} subcommand acts on: {@code SWEEP_ID} and the Temporal options of
 * the service that runs it, declared once for every subcommand that takes an existing sweep's id.
 */
final class SweepTarget {
  @Mixin TemporalOptions temporal;

  // the field name is the <sweepId> label that help and picocli's errors show
  @Parameters(index = "0", description = "Sweep id.")
  String sweepId;

  /** A client of the service that runs the sweep. */
  SweepClient client() {
    return new SweepClient(temporal.connect());
  }

  /** Prints that the sweep was asked to {@code request}; the workflow acts on it later. */
  void printAsked(String request) {
    System.out.println("asked sweep " + sweepId + " to " + request);
  }
}
