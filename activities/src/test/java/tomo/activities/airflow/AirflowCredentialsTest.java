package tomo.activities.airflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AirflowCredentialsTest {
  @TempDir Path dir;

  @Test
  void toStringNeverShowsThePassword() {
    AirflowCredentials c = new AirflowCredentials("tomo", "hunter2-secret");
    AirflowConfig config = AirflowAdmin.v2(URI.create("http://127.0.0.1:8080/"), c);

    assertThat(c.toString()).contains("tomo").doesNotContain("hunter2-secret");
    assertThat(config.toString()).contains("127.0.0.1:8080").doesNotContain("hunter2-secret");
    assertThat(config.baseUrl().toString()).isEqualTo("http://127.0.0.1:8080");
  }

  @Test
  void fromEnvironmentPrefersVariablesOverFile() throws IOException {
    Path file = Files.writeString(dir.resolve("p.json"), "{\"other\":\"x\"}");
    AirflowCredentials c =
        AirflowCredentials.fromEnvironment(
            Map.of(
                "TOMO_AIRFLOW_USERNAME", "tomo",
                "TOMO_AIRFLOW_PASSWORD", "pw",
                "TOMO_AIRFLOW_CREDENTIALS_FILE", file.toString()));
    assertThat(c).isEqualTo(new AirflowCredentials("tomo", "pw"));
  }

  @Test
  void readsAirflowsOwnPasswordsFileAndPlainJson() throws IOException {
    Path generated = Files.writeString(dir.resolve("gen.json"), "{\"tomo\": \"abc\"}\n");
    Path plain =
        Files.writeString(dir.resolve("plain.json"), "{\"username\":\"u\",\"password\":\"p\"}");
    Path many = Files.writeString(dir.resolve("many.json"), "{\"a\":\"1\",\"b\":\"2\"}");

    assertThat(AirflowCredentials.fromFile(generated))
        .isEqualTo(new AirflowCredentials("tomo", "abc"));
    assertThat(AirflowCredentials.fromFile(plain)).isEqualTo(new AirflowCredentials("u", "p"));
    assertThat(
            AirflowCredentials.fromEnvironment(
                Map.of(
                    "TOMO_AIRFLOW_CREDENTIALS_FILE",
                    many.toString(),
                    "TOMO_AIRFLOW_USERNAME",
                    "b")))
        .isEqualTo(new AirflowCredentials("b", "2"));
    assertThatThrownBy(() -> AirflowCredentials.fromFile(many))
        .hasMessageContaining("2 entries")
        .hasMessageContaining("TOMO_AIRFLOW_USERNAME");
  }

  @Test
  void unreadableFileErrorNamesTheFileButQuotesNoContent() throws IOException {
    Path broken = Files.writeString(dir.resolve("broken.json"), "{\"tomo\": \"leaky-pass");

    assertThatThrownBy(() -> AirflowCredentials.fromFile(broken))
        .hasMessageContaining("broken.json")
        .hasMessageNotContaining("leaky-pass");
  }

  @Test
  void missingCredentialsSayWhatToSet() {
    assertThatThrownBy(() -> AirflowCredentials.fromEnvironment(Map.of()))
        .hasMessageContaining("TOMO_AIRFLOW_PASSWORD")
        .hasMessageContaining("TOMO_AIRFLOW_CREDENTIALS_FILE");
    assertThatThrownBy(() -> AirflowConfig.fromEnvironment(Map.of()))
        .hasMessageContaining("TOMO_AIRFLOW_URL");
  }

  @Test
  void anUnsetOrBlankUrlMeansNoAirflowButABadSettingIsStillAnError() {
    assertThat(AirflowConfig.fromEnvironmentIfSet(Map.of())).isEmpty();
    assertThat(AirflowConfig.fromEnvironmentIfSet(Map.of("TOMO_AIRFLOW_URL", " "))).isEmpty();

    Map<String, String> env =
        Map.of(
            "TOMO_AIRFLOW_URL", "http://airflow:8080/",
            "TOMO_AIRFLOW_USERNAME", "tomo",
            "TOMO_AIRFLOW_PASSWORD", "secret");
    assertThat(AirflowConfig.fromEnvironmentIfSet(env))
        .contains(AirflowConfig.fromEnvironment(env));
    assertThat(AirflowConfig.fromEnvironmentIfSet(env).orElseThrow().baseUrl())
        .hasToString("http://airflow:8080");

    Map<String, String> badApi = new HashMap<>(env);
    badApi.put("TOMO_AIRFLOW_API", "v9");
    assertThatThrownBy(() -> AirflowConfig.fromEnvironmentIfSet(badApi))
        .hasMessageContaining("TOMO_AIRFLOW_API must be v1 or v2, got 'v9'");
  }
}
