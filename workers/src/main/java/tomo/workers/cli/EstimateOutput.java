package tomo.workers.cli;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import tomo.activities.estimate.SweepEstimate;
import tomo.activities.estimate.SweepWorkload;
import tomo.activities.estimate.Throughput;
import tomo.activities.estimate.WorkCount;
import tomo.activities.store.ArtifactStore;
import tomo.materials.dataset.Dataset;
import tomo.workflows.model.Protocol;
import tomo.workflows.model.SweepSpec;

/** How {@code tomo sweep estimate} shows an estimate: a table for people, JSON for scripts. */
final class EstimateOutput {
  private EstimateOutput() {}

  static void table(SweepSpec spec, Dataset dataset, SweepEstimate e, PrintStream out) {
    SweepWorkload w = e.workload();
    WorkCount all = w.all();
    WorkCount todo = w.remaining();
    out.printf(
        Locale.ROOT,
        "sweep %s on %s (%,d materials, sha256 %s…)%n",
        spec.name(),
        dataset.source(),
        w.materials(),
        w.datasetSha256().substring(0, 12));
    row(
        out,
        "trainings",
        "%,d".formatted(all.trainings()),
        "%,d already done, %,d to train (artifact store %s)"
            .formatted(w.alreadyDone(), todo.trainings(), store(spec)));
    if (w.untrainable().trainings() > 0) {
      row(
          out,
          "cannot train",
          "%,d".formatted(w.untrainable().trainings()),
          String.join("; ", w.untrainable().reasons()));
    }
    row(
        out,
        "epochs",
        "%,d".formatted(w.epochs()),
        spec.training().hyper().finetuneEpochs() == null
            ? "per training"
            : "per baseline; %d per fine-tuning (cells and controls)"
                .formatted(spec.training().hyper().finetuneEpochs()));
    row(
        out,
        "crystal-epochs",
        sci(todo.crystalEpochs()),
        "to train (all trainings: " + sci(all.crystalEpochs()) + "), training part");
    row(
        out,
        "atom-epochs",
        sci(todo.atomEpochs()),
        "to train (all trainings: "
            + sci(all.atomEpochs())
            + "), training part; + at most "
            + sci(todo.evaluationAtomEpochs())
            + " forward-only (validation, test)");
    Throughput t = e.throughput();
    if (t == null) {
      row(out, "atoms/s", "unknown", "no stored training of this sweep, calibration off");
      row(out, "predicted", "unknown", "");
      return;
    }
    row(
        out,
        "atoms/s",
        "%,.0f".formatted(t.totalAtomsPerSecond()),
        String.format(
            Locale.ROOT,
            "%,.0f per training × %d at once × %d worker(s)",
            t.atomsPerSecondPerTraining(),
            t.trainingsPerWorker(),
            t.workers()));
    row(out, "  speed from", "", t.speedSource());
    row(out, "  workers from", "", t.workersSource());
    row(
        out,
        "predicted",
        duration(e.predictedSeconds()),
        "wall time of the trainings to train (longest baseline-then-augmented chain "
            + duration(w.criticalPathAtomEpochs() / t.atomsPerSecondPerTraining())
            + "; dataset reading and graph caches not included)");
  }

  /** One line per protocol: the same grid's trainings, atom-epochs and wall time under it. */
  static void protocols(Map<Protocol, SweepEstimate> byProtocol, PrintStream out) {
    if (byProtocol.isEmpty()) {
      return;
    }
    out.printf(
        Locale.ROOT,
        "%nby protocol (same grid, data, epochs and speed)%n%-10s %10s %10s %12s %s%n",
        "protocol",
        "trainings",
        "to train",
        "atom-epochs",
        "predicted");
    byProtocol.forEach(
        (p, e) ->
            out.printf(
                    Locale.ROOT,
                    "%-10s %,10d %,10d %12s %s%n",
                    p,
                    e.workload().all().trainings(),
                    e.workload().remaining().trainings(),
                    sci(e.workload().remaining().atomEpochs()),
                    e.throughput() == null ? "unknown" : duration(e.predictedSeconds()))
                .flush());
  }

  // where finished trainings are looked up: the client must see the store the workers write
  static Path store(SweepSpec spec) {
    return new ArtifactStore(Path.of(spec.runtime().artifactDir())).root();
  }

  private static void row(PrintStream out, String label, String value, String note) {
    out.printf(Locale.ROOT, "%-16s %12s  %s%n", label, value, note).flush();
  }

  /**
   * With adaptive seeds: the least the sweep costs (the estimate above: no cell extended) and the
   * most ({@code most}: every cell extended to {@code moreSeeds.upTo} seeds).
   */
  static void adaptive(SweepSpec spec, SweepEstimate least, SweepEstimate most, PrintStream out) {
    if (most == null) {
      return;
    }
    row(
        out,
        "adaptive seeds",
        "%,d-%,d".formatted(least.workload().all().trainings(), most.workload().all().trainings()),
        "trainings: the spec's %d seeds per cell, up to %d for every open cell (moreSeeds)"
            .formatted(spec.grid().seeds().size(), spec.grid().moreSeeds().upTo()));
    row(
        out,
        "  atom-epochs",
        sci(most.workload().remaining().atomEpochs()),
        "to train at most"
            + (most.throughput() == null
                ? ""
                : "; predicted at most " + duration(most.predictedSeconds())));
  }

  /** An estimate's trainings, the work still to do and its predicted seconds (null: no speed). */
  private static void counts(JsonMapper mapper, ObjectNode n, SweepEstimate e) {
    n.put("trainings", e.workload().all().trainings());
    n.set("remaining", mapper.valueToTree(e.workload().remaining()));
    if (e.throughput() == null) {
      n.putNull("predictedSeconds");
    } else {
      n.put("predictedSeconds", e.predictedSeconds());
    }
  }

  static String json(
      SweepSpec spec,
      Dataset dataset,
      SweepEstimate e,
      Map<Protocol, SweepEstimate> byProtocol,
      SweepEstimate most) {
    JsonMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    SweepWorkload w = e.workload();
    ObjectNode root = mapper.createObjectNode();
    root.put("sweep", spec.name());
    root.put("dataset", dataset.source().toString());
    root.put("datasetSha256", w.datasetSha256());
    root.put("materials", w.materials());
    root.put("trainings", w.all().trainings());
    root.put("alreadyDone", w.alreadyDone());
    root.put("artifactStore", store(spec).toString());
    root.put("epochs", w.epochs());
    root.set("all", mapper.valueToTree(w.all()));
    root.set("remaining", mapper.valueToTree(w.remaining()));
    root.set("untrainable", mapper.valueToTree(w.untrainable()));
    root.put("criticalPathAtomEpochs", w.criticalPathAtomEpochs());
    Throughput t = e.throughput();
    if (t == null) {
      root.putNull("throughput");
      root.putNull("predictedSeconds");
    } else {
      ObjectNode tn = mapper.valueToTree(t);
      tn.put("totalAtomsPerSecond", t.totalAtomsPerSecond());
      root.set("throughput", tn);
      root.put("predictedSeconds", e.predictedSeconds());
    }
    if (most != null) {
      // adaptive seeds: the figures above are the least; these the most
      counts(mapper, root.putObject("atMostWithAdaptiveSeeds"), most);
    }
    if (!byProtocol.isEmpty()) {
      ObjectNode protocols = root.putObject("byProtocol");
      byProtocol.forEach((p, pe) -> counts(mapper, protocols.putObject(p.label()), pe));
    }
    try {
      return mapper.writeValueAsString(root);
    } catch (IOException ex) {
      throw new IllegalStateException("cannot write the estimate as JSON", ex);
    }
  }

  /** 1.23e9 style for the large counts, exact below a million. */
  static String sci(long n) {
    return n < 1_000_000 ? "%,d".formatted(n) : String.format(Locale.ROOT, "%.3g", (double) n);
  }

  /** Seconds as days/hours/minutes, the two largest units. */
  static String duration(double seconds) {
    long s = Math.round(seconds);
    long d = s / 86_400;
    long h = s % 86_400 / 3_600;
    long m = s % 3_600 / 60;
    if (d > 0) {
      return d + " d " + h + " h";
    }
    if (h > 0) {
      return h + " h " + m + " min";
    }
    return m > 0 ? m + " min " + s % 60 + " s" : s + " s";
  }
}
