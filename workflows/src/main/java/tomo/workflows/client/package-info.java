/**
 * {@link tomo.workflows.client.SweepClient}: starts, watches, steers and cancels sweeps for the
 * CLI, turning Temporal and gRPC errors into a {@link tomo.workflows.client.SweepRequestException}
 * a person can act on. Imports tomo.workflows.model, the workflow interfaces of
 * tomo.workflows.sweep and Temporal's client API.
 */
package tomo.workflows.client;
