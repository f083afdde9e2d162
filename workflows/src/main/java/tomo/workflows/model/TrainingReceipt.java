package tomo.workflows.model;

/**
 * What the workflow learns from a training: its outcome plus the figures progress and ETA use.
 *
 * @param contentHash the training's key in the artifact store
 * @param epochs epochs trained by this run (0 when the result was memoized)
 * @param trainSeconds wall time of the epochs trained by this run
 * @param memoized true when the artifact store already held the result and nothing was trained
 */
public record TrainingReceipt(
    TrainingOutcome outcome,
    String contentHash,
    int epochs,
    double trainSeconds,
    boolean memoized) {}
