package tomo.workers.metrics;

import com.uber.m3.tally.Scope;
import com.uber.m3.tally.ScopeCloseException;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * Everything metrics-related of one tomo process: the registry, tomo's meters, the {@code /metrics}
 * endpoint and the Temporal metrics scope. A worker does, in order:
 *
 * <pre>{@code
 * ProcessMetrics metrics = ProcessMetrics.start(options);
 * WorkflowServiceStubsOptions.newBuilder().setMetricsScope(metrics.temporalScope()) ...
 * metrics.tomo().trainings().layout(queue, concurrency, threadsPerTraining);
 * }</pre>
 */
public final class ProcessMetrics implements AutoCloseable {
  /** How often Temporal's buffered counters and gauges reach the registry. */
  public static final Duration TEMPORAL_REPORT_INTERVAL = Duration.ofSeconds(5);

  private final PrometheusMeterRegistry registry;
  private final TomoMetrics tomo;
  private final MetricsServer server;
  private final Scope temporalScope;

  private ProcessMetrics(PrometheusMeterRegistry registry, MetricsServer server) {
    this.registry = registry;
    this.tomo = new TomoMetrics(registry);
    this.server = server;
    this.temporalScope = TemporalMetrics.scope(registry, tomo.sweeps(), TEMPORAL_REPORT_INTERVAL);
  }

  /** Creates the registry and serves it as {@code options} say (port -1: no endpoint). */
  public static ProcessMetrics start(MetricsOptions options) {
    return start(options, MetricsServer.DEFAULT_PORT);
  }

  /**
   * Creates the registry and serves it as {@code options} say, on {@code roleDefaultPort} unless
   * they name a port (-1: no endpoint).
   */
  public static ProcessMetrics start(MetricsOptions options, int roleDefaultPort) {
    int port = options.port(roleDefaultPort);
    PrometheusMeterRegistry registry = TomoMetrics.newPrometheusRegistry();
    MetricsServer server;
    try {
      server = port < 0 ? null : MetricsServer.start(registry, options.host(), port);
    } catch (RuntimeException e) {
      registry.close();
      throw e;
    }
    return new ProcessMetrics(registry, server);
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** tomo's own meters. */
  public TomoMetrics tomo() {
    return tomo;
  }

  /** The scope for {@code WorkflowServiceStubsOptions.Builder.setMetricsScope}. */
  public Scope temporalScope() {
    return temporalScope;
  }

  /** The endpoint, unless the process serves none. */
  public Optional<MetricsServer> server() {
    return Optional.ofNullable(server);
  }

  @Override
  public void close() {
    try {
      temporalScope.close(); // flushes what Temporal buffered
    } catch (ScopeCloseException e) {
      LoggerFactory.getLogger(ProcessMetrics.class).warn("closing the Temporal metrics scope", e);
    }
    if (server != null) {
      server.close();
    }
    registry.close();
  }
}
