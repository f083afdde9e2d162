package tomo.workers.temporal;

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

  public static WorkflowClient connect(String target, String namespace) {
    WorkflowServiceStubs service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
    return WorkflowClient.newInstance(
        service, WorkflowClientOptions.newBuilder().setNamespace(namespace).build());
  }
}
