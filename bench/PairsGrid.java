import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import tomo.cgcnn.EpochProgress;
import tomo.cgcnn.Trainer;
import tomo.cgcnn.TrainingConfig;
import tomo.cgcnn.TrainingData;
import tomo.cgcnn.TrainingDataLoader;
import tomo.cgcnn.TrainingResult;
import tomo.hyper.ExtraGain;
import tomo.hyper.InitMode;
import tomo.hyper.Optimizer;
import tomo.materials.dataset.Dataset;
import tomo.materials.dataset.DatasetLocation;
import tomo.materials.dataset.DatasetReader;
import tomo.materials.dataset.ReadOptions;
import tomo.materials.graph.GraphCache;
import tomo.materials.graph.GraphMode;
import tomo.materials.graph.GraphSettings;

/**
 * Tight-pairs measurement: one small real grid (one target, a few properties, a few seeds) trained
 * under the ways of pairing an augmented training with its baseline, one line per training appended
 * to a TSV (a rerun skips the lines already there). bench/pairs_table.py reads it.
 *
 * <p>Runs: tight-base, tight-aug (shared baseline, tight pairs, zero extra weights), tight-masked
 * (the paper's per-cell masked baseline), independent-aug (the paper's code: the augmented network
 * starts on its own; its baseline is tight-base, which starts the same under either init).
 *
 * <p>java -cp CLASSPATH bench/PairsGrid.java OUT.tsv SAMPLE SAMPLE_SEED MODE EPOCHS LR TARGET
 * PROPS(comma) SEEDS(comma) RUNS(comma) BATCH_SIZE [PATIENCE [ONLY [GAIN]]]
 *
 * <p>PATIENCE ("-" for none) trains with early stopping; ONLY, a file of "run TAB seed TAB extra"
 * lines (extra "-" for a baseline; "-" for no file), restricts the grid to those trainings; GAIN is
 * the extra input's gain ({@code hyper.extraGain}: "auto", the default, or a number).
 */
public class PairsGrid {
  public static void main(String[] args) throws IOException {
    if (args.length < 11) {
      System.err.println(
          "usage: PairsGrid OUT.tsv SAMPLE SAMPLE_SEED MODE EPOCHS LR TARGET PROPS SEEDS RUNS"
              + " BATCH_SIZE [PATIENCE [ONLY]]");
      System.exit(2);
    }
    Path out = Path.of(args[0]);
    int sample = Integer.parseInt(args[1]);
    long sampleSeed = Long.parseLong(args[2]);
    GraphMode mode = GraphMode.valueOf(args[3].toUpperCase(Locale.ROOT));
    int epochs = Integer.parseInt(args[4]);
    double lr = Double.parseDouble(args[5]);
    String target = args[6];
    List<String> props = List.of(args[7].split(","));
    List<Long> seeds = List.of(args[8].split(",")).stream().map(Long::parseLong).toList();
    List<String> runs = List.of(args[9].split(","));
    int batchSize = Integer.parseInt(args[10]);
    Integer patience = args.length > 11 && !args[11].equals("-") ? Integer.valueOf(args[11]) : null;
    Set<String> only =
        args.length > 12 && !args[12].equals("-")
            ? new HashSet<>(Files.readAllLines(Path.of(args[12])))
            : null;
    ExtraGain gain = args.length > 13 ? ExtraGain.parse(args[13]) : ExtraGain.AUTO;

    Set<String> done = new HashSet<>();
    if (Files.exists(out)) {
      for (String line : Files.readAllLines(out)) {
        String[] f = line.split("\t");
        done.add(f[0] + "\t" + f[1] + "\t" + f[2]);
      }
    }
    Dataset dataset =
        DatasetReader.read(
            DatasetLocation.resolve(null), ReadOptions.defaults().withSample(sample, sampleSeed));
    List<String> columns = new ArrayList<>(List.of(target));
    props.stream().filter(p -> !p.equals(target)).forEach(columns::add);
    TrainingData data =
        TrainingDataLoader.load(
            dataset, GraphSettings.of(mode), Path.of("/tmp/pairs-graphs"), columns);
    for (long seed : seeds) {
      for (String run : runs) {
        List<String> extras = run.endsWith("-base") ? java.util.Arrays.asList((String) null) : props;
        for (String extra : extras) {
          String key = run + "\t" + seed + "\t" + (extra == null ? "-" : extra);
          if (done.contains(key) || (only != null && !only.contains(key))) {
            continue;
          }
          TrainingConfig config =
              TrainingConfig.paper(target, extra, mode, seed, epochs)
                  .toBuilder()
                  .optimizer(Optimizer.ADAM, lr)
                  .batchSize(batchSize)
                  .threads(1)
                  .extraMasked(run.endsWith("-masked"))
                  .patience(patience)
                  .init(InitMode.valueOf(run.split("-")[0].toUpperCase(Locale.ROOT)))
                  .extraGain(gain)
                  .build();
          Path ckpt = Files.createTempDirectory("pairs-ckpt");
          long t0 = System.nanoTime();
          TrainingResult r = new Trainer().train(config, data, ckpt, p -> {});
          String vals =
              r.history().stream()
                  .map(p -> String.format(Locale.ROOT, "%.6f", p.valMetric()))
                  .collect(Collectors.joining(","));
          String losses =
              r.history().stream()
                  .map(p -> String.format(Locale.ROOT, "%.6f", p.trainLoss()))
                  .collect(Collectors.joining(","));
          String line =
              String.format(
                  Locale.ROOT,
                  "%s\t%d\t%.6f\t%.6f\t%d\t%d\t%.1f\t%s\t%s%n",
                  key,
                  r.metrics().bestEpoch(),
                  r.metrics().testMetric(),
                  r.metrics().referenceTestMetric(),
                  r.split().trainMaterials(),
                  r.split().testMaterials(),
                  (System.nanoTime() - t0) / 1e9,
                  vals,
                  losses);
          Files.writeString(
              out, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
          System.out.print(line.substring(0, Math.min(line.length(), 120)) + "\n");
        }
      }
    }
  }
}
