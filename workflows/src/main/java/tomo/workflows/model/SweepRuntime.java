package tomo.workflows.model;

import tomo.workflows.hooks.SweepHooks;

/**
 * Where and how a sweep runs, none of which changes a number: its store, queues, timeouts and
 * hooks.
 *
 * @param artifactDir artifact store root (results, checkpoints, reports)
 * @param orchestrationQueue task queue of workflows and light activities
 * @param trainingQueue task queue of training activities
 * @param retryWindowMinutes how long a finished sweep with failed cells waits for a retry signal
 * @param heartbeatSeconds a training whose worker sent no heartbeat for this long is retried
 *     elsewhere (a dead worker is noticed in seconds)
 * @param hooks Airflow DAGs run before training ({@code onStartDag}) and after the report ({@code
 *     onCompleteDag})
 */
public record SweepRuntime(
    String artifactDir,
    String orchestrationQueue,
    String trainingQueue,
    Integer retryWindowMinutes,
    Integer heartbeatSeconds,
    SweepHooks hooks) {

  /** How long a finished sweep with failed cells waits for a retry signal, unless the spec says. */
  public static final int DEFAULT_RETRY_WINDOW_MINUTES = 24 * 60;

  /** A training without a heartbeat for this long is retried elsewhere, unless the spec says. */
  public static final int DEFAULT_HEARTBEAT_SECONDS = 30;

  public SweepRuntime {
    // absent has one meaning in a spec file and in a sweep started before the field existed
    retryWindowMinutes =
        retryWindowMinutes == null ? DEFAULT_RETRY_WINDOW_MINUTES : retryWindowMinutes;
    heartbeatSeconds = heartbeatSeconds == null ? DEFAULT_HEARTBEAT_SECONDS : heartbeatSeconds;
    hooks = hooks == null ? SweepHooks.none() : hooks;
  }
}
