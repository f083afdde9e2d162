package tomo.workflows;

/** Task queue names of tomo's workers, in one place. */
public final class TaskQueues {
  /** Workflows and light activities: prepare the dataset, aggregate, render the report. */
  public static final String ORCHESTRATION = "tomo-orchestration";

  /** Training activities: one slot per GPU or per CPU worker. */
  public static final String TRAINING = "tomo-training";

  private TaskQueues() {}
}
