package tomo.activities.airflow;

/**
 * One task instance of a DAG run.
 *
 * @param taskId the task
 * @param state Airflow's state (success, failed, running, …) or the empty string when not yet set
 * @param tryNumber how many times the task has been tried
 * @param mapIndex index of a mapped task instance, -1 for an unmapped task
 */
record TaskInstance(String taskId, String state, int tryNumber, int mapIndex) {
  public TaskInstance {
    state = state == null ? "" : state;
  }
}
