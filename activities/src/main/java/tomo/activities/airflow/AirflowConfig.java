package tomo.activities.airflow;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where Airflow is and how to talk to it.
 *
 * @param baseUrl the server's root URL, e.g. {@code http://127.0.0.1:8080}
 * @param apiVersion the REST API generation ({@link AirflowApiVersion#V2} for Airflow 3)
 * @param credentials user and password (redacted in {@link #toString()})
 * @param requestTimeout time limit of one HTTP request
 */
public record AirflowConfig(
    URI baseUrl,
    AirflowApiVersion apiVersion,
    AirflowCredentials credentials,
    Duration requestTimeout) {
  /** Environment variable with the server's root URL. */
  public static final String ENV_URL = "TOMO_AIRFLOW_URL";

  /** Environment variable choosing the API: {@code v2} (default, Airflow 3) or {@code v1}. */
  public static final String ENV_API = "TOMO_AIRFLOW_API";

  public AirflowConfig {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(apiVersion, "apiVersion");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    String scheme = baseUrl.getScheme();
    if (!"http".equals(scheme) && !"https".equals(scheme)) {
      throw new IllegalArgumentException("Airflow URL must be http(s), got " + baseUrl);
    }
    // one canonical form so path joining never doubles or drops a slash
    String s = baseUrl.toString();
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    baseUrl = URI.create(s);
  }

  /**
   * The configuration of {@link #fromEnvironment} when {@value #ENV_URL} names an Airflow; empty
   * when it is unset or blank, which means a worker without sweep hooks, not an error.
   */
  public static Optional<AirflowConfig> fromEnvironmentIfSet(Map<String, String> env) {
    String url = env.get(ENV_URL);
    return url == null || url.isBlank() ? Optional.empty() : Optional.of(fromEnvironment(env));
  }

  /**
   * Configuration from {@value #ENV_URL}, {@value #ENV_API} and the credential variables of {@link
   * AirflowCredentials#fromEnvironment(Map)}.
   */
  public static AirflowConfig fromEnvironment(Map<String, String> env) {
    String url = env.get(ENV_URL);
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("no Airflow URL: set " + ENV_URL);
    }
    String api = env.getOrDefault(ENV_API, "v2").trim();
    AirflowApiVersion version =
        switch (api.toLowerCase(java.util.Locale.ROOT)) {
          case "v2", "3" -> AirflowApiVersion.V2;
          case "v1", "2" -> AirflowApiVersion.V1;
          default ->
              throw new IllegalArgumentException(ENV_API + " must be v1 or v2, got '" + api + "'");
        };
    return new AirflowConfig(
        URI.create(url.trim()),
        version,
        AirflowCredentials.fromEnvironment(env),
        Duration.ofSeconds(30));
  }
}
