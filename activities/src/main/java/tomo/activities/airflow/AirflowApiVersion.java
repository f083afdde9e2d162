package tomo.activities.airflow;

/** Which of Airflow's stable REST APIs a server speaks, and so how the client authenticates. */
public enum AirflowApiVersion {
  /** Airflow 2: {@code /api/v1}, HTTP basic authentication. */
  V1("/api/v1"),
  /** Airflow 3: {@code /api/v2}, a JWT bearer token from {@code POST /auth/token}. */
  V2("/api/v2");

  private final String basePath;

  AirflowApiVersion(String basePath) {
    this.basePath = basePath;
  }

  /** Path prefix of the API below the server's root URL. */
  public String basePath() {
    return basePath;
  }
}
