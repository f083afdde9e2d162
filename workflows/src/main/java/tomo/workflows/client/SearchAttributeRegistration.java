package tomo.workflows.client;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.common.SearchAttributeKey;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tomo.workflows.sweep.SweepSearchAttributes;

/**
 * Makes sure the server knows {@link SweepSearchAttributes} before a sweep starts with them: a
 * workflow that sets an unknown search attribute cannot start (or, for a child, stalls its parent),
 * so a sweep is refused with the command that registers them rather than started to hang. Those
 * missing are registered when the server allows it (the dev server, Temporal's Java test server); a
 * server that does not (no admin rights) keeps them missing and the sweep is refused.
 */
public final class SearchAttributeRegistration {
  private static final long RPC_SECONDS = 15;

  private SearchAttributeRegistration() {}

  /**
   * @throws SweepRequestException naming the missing attributes and the command that registers
   *     them, or an attribute registered with another type
   */
  public static void ensure(WorkflowServiceStubs stubs, String namespace) {
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder(stubs.getOptions())
                .validateAndBuildWithDefaults());
    try {
      ensure(operator, namespace);
    } finally {
      operator.shutdownNow();
    }
  }

  private static void ensure(OperatorServiceStubs operator, String namespace) {
    Map<String, IndexedValueType> known;
    try {
      known =
          operator
              .blockingStub()
              .withDeadlineAfter(RPC_SECONDS, TimeUnit.SECONDS)
              .listSearchAttributes(
                  ListSearchAttributesRequest.newBuilder().setNamespace(namespace).build())
              .getCustomAttributesMap();
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.UNIMPLEMENTED) {
        throw e;
      }
      // Temporal's Java test server cannot list them; adding a known one is refused there
      for (SearchAttributeKey<?> key : SweepSearchAttributes.ALL) {
        try {
          add(operator, namespace, List.of(key));
        } catch (StatusRuntimeException added) {
          if (added.getStatus().getCode() != Status.Code.ALREADY_EXISTS) {
            throw refused(List.of(key), added);
          }
        }
      }
      return;
    }
    List<SearchAttributeKey<?>> missing = new ArrayList<>();
    for (SearchAttributeKey<?> key : SweepSearchAttributes.ALL) {
      IndexedValueType type = known.get(key.getName());
      if (type == null) {
        missing.add(key);
      } else if (type != key.getValueType()) {
        throw new SweepRequestException(
            "the Temporal server knows search attribute "
                + key.getName()
                + " as "
                + type
                + "; tomo sets it as "
                + SweepSearchAttributes.typeName(key)
                + ". Remove it (temporal operator search-attribute remove --name "
                + key.getName()
                + ") or use another namespace",
            false,
            null);
      }
    }
    if (missing.isEmpty()) {
      return;
    }
    try {
      add(operator, namespace, missing);
    } catch (StatusRuntimeException e) {
      throw refused(missing, e);
    }
  }

  private static void add(
      OperatorServiceStubs operator, String namespace, List<SearchAttributeKey<?>> keys) {
    AddSearchAttributesRequest.Builder request =
        AddSearchAttributesRequest.newBuilder().setNamespace(namespace);
    for (SearchAttributeKey<?> key : keys) {
      request.putSearchAttributes(key.getName(), key.getValueType());
    }
    operator
        .blockingStub()
        .withDeadlineAfter(RPC_SECONDS, TimeUnit.SECONDS)
        .addSearchAttributes(request.build());
  }

  private static SweepRequestException refused(
      List<SearchAttributeKey<?>> missing, StatusRuntimeException e) {
    return new SweepRequestException(
        "the Temporal server lacks tomo's search attributes "
            + String.join(", ", missing.stream().map(SearchAttributeKey::getName).toList())
            + " and did not let tomo register them ("
            + e.getStatus().getCode()
            + (e.getStatus().getDescription() == null ? "" : ": " + e.getStatus().getDescription())
            + "); an operator registers them once with `"
            + SweepSearchAttributes.createCommand()
            + "`",
        false,
        e);
  }
}
