package tomo.workers.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;
import tomo.activities.training.GraphModes;
import tomo.cgcnn.DataSplit;
import tomo.cgcnn.EpochProgress;
import tomo.cgcnn.GraphExport;
import tomo.cgcnn.Trainer;
import tomo.cgcnn.TrainingConfig;
import tomo.cgcnn.TrainingData;
import tomo.cgcnn.TrainingDataLoader;
import tomo.cgcnn.TrainingResult;
import tomo.cgcnn.TrainingTask;
import tomo.hyper.ExtraGain;
import tomo.hyper.HyperParameters;
import tomo.hyper.InitMode;
import tomo.hyper.Optimizer;
import tomo.materials.dataset.Dataset;
import tomo.materials.dataset.DatasetLocation;
import tomo.materials.dataset.DatasetReader;
import tomo.materials.dataset.ReadOptions;
import tomo.materials.graph.GraphCache;
import tomo.materials.graph.GraphMode;
import tomo.materials.graph.GraphSettings;
import tomo.materials.io.Sha256;
import tomo.materials.property.PropertyDefinition;
import tomo.materials.property.PropertyRegistry;
import tomo.workflows.model.Representation;

/**
 * {@code tomo train}: one CGCNN training on a dataset, progress on stderr, result JSON on stdout.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Train CGCNN on one target property (optionally with one extra property as input), print"
          + " per-epoch progress on stderr and the training result with its provenance as JSON.",
      "A checkpoint is written after every epoch; rerunning the same training resumes from it."
    })
public final class TrainCommand implements Callable<Integer> {
  /** Where every option of how the training optimizes takes its default. */
  private static final HyperParameters DEFAULTS = HyperParameters.defaults();

  /** Reads {@code --mode} as specs spell a representation. */
  static final class RepresentationConverter implements ITypeConverter<Representation> {
    @Override
    public Representation convert(String value) {
      try {
        return Representation.of(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** Reads {@code --optimizer} as specs spell it ({@code sgd}, {@code adam}). */
  static final class OptimizerConverter implements ITypeConverter<Optimizer> {
    @Override
    public Optimizer convert(String value) {
      try {
        return Optimizer.of(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** Reads {@code --init} as specs spell it ({@code tight}, {@code independent}). */
  static final class InitConverter implements ITypeConverter<InitMode> {
    @Override
    public InitMode convert(String value) {
      try {
        return InitMode.of(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** Reads {@code --extra-gain} as specs spell it ({@code auto} or a positive number). */
  static final class ExtraGainConverter implements ITypeConverter<ExtraGain> {
    @Override
    public ExtraGain convert(String value) {
      try {
        return ExtraGain.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  @Spec CommandSpec spec;

  @Option(
      names = "--dataset",
      paramLabel = "PATH",
      description = "materials_project.csv(.gz); default: $TOMO_DATASET, else the shared dataset")
  Path dataset;

  @Option(names = "--target", required = true, description = "property to predict, e.g. band_gap")
  String target;

  @Option(names = "--extra", description = "property given to the network as extra input")
  String extra;

  @Option(
      names = "--extra-masked",
      description = "keep the extra input but feed zeros (the paper's literal baseline)")
  boolean extraMasked;

  @Option(
      names = "--mode",
      defaultValue = "structure",
      converter = RepresentationConverter.class,
      description = "structure or composition")
  Representation mode;

  // the options of how the training optimizes take their defaults from the field's initial value
  @Option(names = "--epochs", description = "epochs (paper: 500)")
  int epochs = DEFAULTS.epochs();

  @Option(names = "--seed", defaultValue = "1", description = "split and initialisation seed")
  long seed;

  @Option(names = "--limit", defaultValue = "0", description = "read only the first N materials")
  int limit;

  @Option(
      names = "--sample",
      defaultValue = "0",
      paramLabel = "N",
      description =
          "read a seeded random N materials (file order; the file is sorted by id, so the first N"
              + " are not a sample); excludes --limit")
  int sample;

  @Option(
      names = "--sample-seed",
      defaultValue = "1",
      paramLabel = "S",
      description = "seed of --sample (default ${DEFAULT-VALUE})")
  long sampleSeed;

  @Option(
      names = "--threads",
      defaultValue = "0",
      description = "intra-op threads of libtorch (0: its default, the core count)")
  int threads;

  @Option(names = "--batch-size", description = "crystals per step")
  int batchSize = DEFAULTS.batchSize();

  @Option(
      names = "--optimizer",
      converter = OptimizerConverter.class,
      description =
          "sgd (paper) or adam; either starts at learning rate "
              + Optimizer.DEFAULT_LEARNING_RATE
              + " unless --lr is given")
  Optimizer optimizer = DEFAULTS.optimizer();

  @Option(
      names = "--lr",
      description =
          "learning rate (default "
              + Optimizer.DEFAULT_LEARNING_RATE
              + " for SGD and Adam alike, the paper's value and sweeps' default)")
  Double learningRate;

  @Option(names = "--milestone", description = "epoch from which the learning rate is ×0.1")
  int milestone = DEFAULTS.milestone();

  @Option(
      names = "--patience",
      paramLabel = "P",
      description =
          "stop after P epochs without a better validation metric (default: train every epoch,"
              + " the paper's protocol)")
  Integer patience;

  @Option(
      names = "--init",
      converter = InitConverter.class,
      description =
          "tight (the augmented network starts as its baseline) or independent (the paper's code:"
              + " its own initial weights and batch order)")
  InitMode init = DEFAULTS.init();

  @Option(
      names = "--extra-gain",
      converter = ExtraGainConverter.class,
      description =
          "factor on the extra input: auto (√64 = 8; √64/√d per column of a d-class one-hot) or a"
              + " positive number (1: the paper's literal concatenation)")
  ExtraGain extraGain = DEFAULTS.extraGain();

  @Option(names = "--gpu", description = "train on the first GPU when libtorch has CUDA")
  boolean gpu;

  @Option(names = "--skip-bad", description = "skip dataset rows that cannot be read")
  boolean skipBad;

  @Option(names = "--cache-dir", paramLabel = "DIR", description = "graph cache directory")
  Path cacheDir;

  @Option(
      names = "--checkpoint-dir",
      paramLabel = "DIR",
      description = "checkpoint directory (default: a folder per training under the tomo cache)")
  Path checkpointDir;

  @Option(
      names = "--export-npz",
      paramLabel = "DIR",
      description =
          "write the graphs, target and split as NumPy files (for bench/pytorch_cgcnn.py);"
              + " with --epochs 0 nothing is trained")
  Path exportDir;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter out = spec.commandLine().getOut();
    checkNames();
    Path file = DatasetLocation.resolve(dataset);
    Dataset data =
        DatasetReader.read(
            file,
            ReadOptions.defaults()
                .withSkipBad(skipBad)
                .withLimit(limit)
                .withSample(sample, sampleSeed));
    GraphMode graphMode = GraphModes.of(mode);
    GraphSettings settings = GraphSettings.of(graphMode);
    List<String> properties = new ArrayList<>(List.of(target));
    if (extra != null && !extra.equals(target)) {
      properties.add(extra);
    }
    checkValues(file, data, properties);
    Path graphs = cacheDir != null ? cacheDir : GraphCache.defaultCacheDir();
    long start = System.nanoTime();
    TrainingData trainingData = TrainingDataLoader.load(data, settings, graphs, properties);
    err.printf(
        Locale.ROOT,
        "%,d materials from %s, %s graphs ready in %.1f s%n",
        trainingData.size(),
        file,
        mode,
        (System.nanoTime() - start) / 1e9);
    double lr = learningRate != null ? learningRate : optimizer.defaultLearningRate();
    TrainingConfig config =
        TrainingConfig.paper(target, extra, graphMode, seed, Math.max(1, epochs)).toBuilder()
            .batchSize(batchSize)
            .optimizer(optimizer, lr)
            .milestone(milestone)
            .threads(threads)
            .extraMasked(extraMasked)
            .gpu(gpu)
            .patience(patience)
            .init(init)
            .extraGain(extraGain)
            .build();
    if (exportDir != null) {
      GraphExport.write(config, trainingData, exportDir);
      err.println("exported graphs, target and split to " + exportDir);
      if (epochs == 0) {
        return 0;
      }
    }
    Path checkpoints =
        checkpointDir != null
            ? checkpointDir
            : graphs.resolveSibling("checkpoints").resolve(trainingKey(config, trainingData));
    err.println("checkpoints: " + checkpoints);
    TrainingResult result =
        new Trainer()
            .train(
                config,
                trainingData,
                checkpoints,
                p -> {
                  err.println(progressLine(p, config));
                  err.flush();
                });
    out.println(
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result));
    out.flush();
    return 0;
  }

  /** Property names are checked before the dataset is read: a typo costs no time. */
  private void checkNames() {
    for (String[] option : new String[][] {{"--target", target}, {"--extra", extra}}) {
      if (option[1] != null && PropertyRegistry.find(option[1]).isEmpty()) {
        throw new ParameterException(
            spec.commandLine(),
            "%s: unknown property '%s'; known properties: %s"
                .formatted(
                    option[0],
                    option[1],
                    PropertyRegistry.all().stream()
                        .map(PropertyDefinition::name)
                        .collect(Collectors.joining(", "))));
      }
    }
  }

  /** A target (or extra) the file has too few values of fails before any graph is built. */
  private static void checkValues(Path file, Dataset data, List<String> properties) {
    int usable = data.materialsWithValues(properties);
    if (usable < DataSplit.MIN_MATERIALS) {
      throw new IllegalArgumentException(
          ("%s: %d of %d materials have a value of %s; a training needs at least %d (one each"
                  + " for train, validation and test)")
              .formatted(
                  file,
                  usable,
                  data.size(),
                  String.join(" and ", properties),
                  DataSplit.MIN_MATERIALS));
    }
  }

  private static String progressLine(EpochProgress p, TrainingConfig config) {
    return String.format(
        Locale.ROOT,
        "epoch %d/%d  loss %.4f  val %.4f  best %.4f (epoch %d)  %.1f s (train %.1f s)  rss %.0f MiB",
        p.epoch(),
        p.epochs(),
        p.trainLoss(),
        p.valMetric(),
        p.bestValMetric(),
        p.bestEpoch(),
        p.seconds(),
        p.trainSeconds(),
        p.residentMiB());
  }

  /** A folder name unique to what is trained (not to epochs or threads), so reruns resume. */
  static String trainingKey(TrainingConfig config, TrainingData data) {
    String identity =
        config.resumeIdentity()
            + "|"
            + data.datasetSha256()
            + "|"
            + data.graphSettingsKey()
            + "|"
            + data.size();
    TrainingTask task = config.task();
    String extraPart = task.extraProperty() == null ? "baseline" : task.extraProperty();
    return "%s-%s-%s-s%d-%s"
        .formatted(
            task.target(),
            extraPart,
            task.mode().name().toLowerCase(Locale.ROOT),
            task.seed(),
            Sha256.hex(identity).substring(0, 16));
  }
}
