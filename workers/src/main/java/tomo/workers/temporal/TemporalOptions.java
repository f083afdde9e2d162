package tomo.workers.temporal;

import com.uber.m3.tally.Scope;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import picocli.CommandLine.Option;

/** {@code --temporal host:port} and {@code --namespace}: which Temporal service to use. */
public final class TemporalOptions {
  @Option(
      names = "--temporal",
      defaultValue = "${TOMO_TEMPORAL:-127.0.0.1:7233}",
      description = "Temporal frontend host:port (default ${DEFAULT-VALUE}; env TOMO_TEMPORAL).")
  public String target;

  @Option(names = "--namespace", defaultValue = "default", description = "Temporal namespace.")
  public String namespace;

  /** A client of the service. */
  public WorkflowClient connect() {
    return connect(target, namespace);
  }

  /** A client of the service whose workers report Temporal's metrics to {@code metricsScope}. */
  public WorkflowClient connect(Scope metricsScope) {
    return connect(target, namespace, metricsScope);
  }

  public static WorkflowClient connect(String target, String namespace) {
    return connect(target, namespace, null);
  }

  /**
   * @param metricsScope where the SDK reports its metrics (see {@code TemporalMetrics.scope}), or
   *     null for none
   */
  public static WorkflowClient connect(String target, String namespace, Scope metricsScope) {
    WorkflowServiceStubsOptions.Builder stubs =
        WorkflowServiceStubsOptions.newBuilder().setTarget(target);
    if (metricsScope != null) {
      stubs.setMetricsScope(metricsScope);
    }
    WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(stubs.build());
    return WorkflowClient.newInstance(
        service, WorkflowClientOptions.newBuilder().setNamespace(namespace).build());
  }
}
