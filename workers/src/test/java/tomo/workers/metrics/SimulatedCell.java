package tomo.workers.metrics;

/**
 * One simulated training.
 *
 * @param property the added property, null for a baseline
 * @param failAttempts how many first attempts fail (a transient failure that a retry cures)
 * @param hold whether the training waits after its last epoch until the test releases it
 */
public record SimulatedCell(
    String target,
    String property,
    String representation,
    int seed,
    int epochs,
    int epochMillis,
    int failAttempts,
    boolean hold) {}
