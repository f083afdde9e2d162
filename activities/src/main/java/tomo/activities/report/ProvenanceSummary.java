package tomo.activities.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import tomo.activities.store.RunEnvironment;
import tomo.activities.store.StoredTraining;
import tomo.hyper.HyperParameters;
import tomo.workflows.model.TrainingRequest;

/**
 * How a report's trainings were made, in a few lines: for each field (dataset hash, materials,
 * epochs, trainer, device, engine versions, …) every value that occurred and how many trainings had
 * it, so a sweep that mixed machines or dataset versions says so.
 *
 * @param entries in field order, then in order of first occurrence
 */
public record ProvenanceSummary(List<Entry> entries) {

  /** Written where a training's file does not record a field (older files, synthetic trainer). */
  public static final String NOT_RECORDED = "not recorded";

  /**
   * @param field what is described, e.g. "device"
   * @param value one value of it
   * @param trainings how many trainings had that value
   */
  public record Entry(String field, String value, int trainings) {}

  public ProvenanceSummary {
    entries = List.copyOf(entries);
  }

  /** No provenance known. */
  public static ProvenanceSummary empty() {
    return new ProvenanceSummary(List.of());
  }

  /** The fields shown, each read from a stored training. */
  private static final Map<String, Function<StoredTraining, String>> FIELDS = fields();

  private static Map<String, Function<StoredTraining, String>> fields() {
    Map<String, Function<StoredTraining, String>> f = new LinkedHashMap<>();
    f.put("trainer", StoredTraining::trainer);
    f.put("protocol", t -> protocol(t.request()));
    f.put("dataset SHA-256", t -> t.request().datasetSha256());
    f.put("materials", ProvenanceSummary::materials);
    f.put("incomplete rows", ProvenanceSummary::incompleteRows);
    f.put("z-scores from", t -> t.request().hyper().scaling().label());
    f.put("epochs", t -> Integer.toString(t.request().hyper().epochs()));
    f.put("optimizer", t -> optimizer(t.request().hyper()));
    f.put("init", t -> t.request().hyper().init().label());
    f.put("extra gain", t -> t.request().hyper().extraGain().toString());
    f.put("backend", t -> environment(t, RunEnvironment::backend));
    f.put("device", t -> environment(t, RunEnvironment::device));
    f.put("threads", t -> environment(t, e -> Integer.toString(e.threads())));
    f.put("DJL", t -> environment(t, RunEnvironment::djlVersion));
    f.put("libtorch", t -> environment(t, RunEnvironment::libtorchVersion));
    f.put("malloc", t -> environment(t, RunEnvironment::allocator));
    return f;
  }

  /** A field of where the training ran; {@code null} where its file records none. */
  private static String environment(StoredTraining t, Function<RunEnvironment, String> field) {
    return t.provenance().map(p -> field.apply(p.environment())).orElse(null);
  }

  private static String optimizer(HyperParameters h) {
    return String.format(
        Locale.ROOT,
        "%s lr %s momentum %s, batch %d, lr ×0.1 at epoch %d",
        h.optimizer(),
        h.learningRate(),
        h.momentum(),
        h.batchSize(),
        h.milestone());
  }

  /** Counts every field's values over the trainings. */
  public static ProvenanceSummary of(List<StoredTraining> trainings) {
    Counter counter = new Counter();
    for (var field : FIELDS.entrySet()) {
      for (StoredTraining t : trainings) {
        String value = field.getValue().apply(t);
        counter.add(field.getKey(), value == null || value.isBlank() ? NOT_RECORDED : value, 1);
      }
    }
    return counter.summary();
  }

  /**
   * The summaries of several reports in one, counts added (a training in two of them counts twice).
   */
  public static ProvenanceSummary merge(List<ProvenanceSummary> summaries) {
    Counter counter = new Counter();
    for (ProvenanceSummary s : summaries) {
      for (Entry e : s.entries()) {
        counter.add(e.field(), e.value(), e.trainings());
      }
    }
    return counter.summary();
  }

  /** The values of one field with their counts, in order. */
  public List<Entry> field(String field) {
    return entries.stream().filter(e -> e.field().equals(field)).toList();
  }

  /** The fields, in order. */
  public List<String> fieldNames() {
    return entries.stream().map(Entry::field).distinct().toList();
  }

  private static final class Counter {
    private final Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();

    void add(String field, String value, int n) {
      counts.computeIfAbsent(field, k -> new LinkedHashMap<>()).merge(value, n, Integer::sum);
    }

    ProvenanceSummary summary() {
      List<Entry> entries = new ArrayList<>();
      counts.forEach(
          (field, values) -> values.forEach((v, n) -> entries.add(new Entry(field, v, n))));
      return new ProvenanceSummary(entries);
    }
  }

  /** The protocol, with what a run of it departs from (a shorter paper run, a changed gain, …). */
  private static String protocol(TrainingRequest r) {
    List<String> notes = r.protocol().notes(r.hyper());
    return notes.isEmpty() ? r.protocol().label() : r.protocol() + ": " + String.join("; ", notes);
  }

  /** Whether rows lacking another grid value were dropped, and how many this training lost. */
  private static String incompleteRows(StoredTraining t) {
    if (t.request().completeOver().isEmpty()) {
      return "kept where target and property have values";
    }
    Integer dropped = t.provenance().map(p -> p.data().droppedIncomplete()).orElse(null);
    return "dropped when lacking any of the grid's names"
        + (dropped == null ? "" : " (" + dropped + " besides those lacking target or property)");
  }

  /** Which rows a training read: a seeded sample, the first N rows, or all. */
  private static String materials(StoredTraining t) {
    return t.request().selection().rows().describe();
  }
}
