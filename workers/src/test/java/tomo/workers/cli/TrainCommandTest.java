package tomo.workers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tomo.workers.TomoCli;

class TrainCommandTest {
  @TempDir Path tmp;

  @Test
  void trainsOnTheSharedDatasetAndPrintsTheResultAsJson() throws Exception {
    CommandLine cli = TomoCli.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code =
        cli.execute(
            "train",
            "--target",
            "band_gap",
            "--extra",
            "density",
            "--mode",
            "composition",
            "--epochs",
            "2",
            "--batch-size",
            "64",
            "--limit",
            "200",
            "--threads",
            "1",
            "--patience",
            "5",
            "--cache-dir",
            tmp.resolve("graphs").toString(),
            "--checkpoint-dir",
            tmp.resolve("ck").toString(),
            "--export-npz",
            tmp.resolve("export").toString());
    assertThat(code).as("exit code; stderr: %s", err).isZero();
    assertThat(err.toString()).contains("epoch 1/2").contains("epoch 2/2");
    JsonNode result = new ObjectMapper().readTree(out.toString());
    assertThat(result.get("target").asText()).isEqualTo("band_gap");
    assertThat(result.get("extraProperty").asText()).isEqualTo("density");
    assertThat(result.get("metric").asText()).isEqualTo("mae");
    assertThat(result.get("history")).hasSize(2);
    assertThat(result.get("config").get("mode").asText()).isEqualTo("COMPOSITION");
    assertThat(result.get("datasetSha256").asText()).hasSize(64);
    assertThat(result.get("testMetric").asDouble()).isPositive();
    assertThat(result.get("config").get("patience").asInt()).isEqualTo(5);
    assertThat(result.get("stoppedEarly").asBoolean()).isFalse();
    assertThat(result.get("epochsRun").asInt()).isEqualTo(2);
    assertThat(tmp.resolve("export").resolve("nbr_idx.npy")).exists();
    assertThat(Files.readString(tmp.resolve("export").resolve("meta.json")))
        .contains("\"target\" : \"band_gap\"");
    assertThat(tmp.resolve("ck").resolve("epoch-00002").resolve("state.json")).exists();
  }
}
