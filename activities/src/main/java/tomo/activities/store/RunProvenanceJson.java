package tomo.activities.store;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.type.TypeFactory;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A stored training's provenance on disk: one JSON object of strings, with the keys and value
 * spellings the store has written since provenance was kept (2026-11-25), in the same order, so
 * that a training is written byte for byte as before. Keys added later are absent from older files
 * and read as not recorded; an empty object (a trainer without an engine) and a missing one (files
 * older than provenance) read as no provenance. The only place that knows the keys.
 */
final class RunProvenanceJson {
  private RunProvenanceJson() {}

  private static final String BACKEND = "backend";
  private static final String DEVICE = "device";
  private static final String THREADS = "threads";
  private static final String CONCURRENCY = "concurrency";
  private static final String ALLOCATOR = "allocator";
  private static final String DJL = "djlVersion";
  private static final String LIBTORCH = "libtorchVersion";
  private static final String GRAPHS = "graphSettings";
  private static final String BEST_VAL = "bestValMetric";
  private static final String REFERENCE = "referenceTestMetric";
  private static final String SPLIT = "trainValidationTestMaterials";
  private static final String DROPPED = "droppedMissingTargetExtra";
  private static final String DROPPED_INCOMPLETE = "droppedIncomplete";
  private static final String CRYSTALS_PER_S = "trainCrystalsPerSecond";
  private static final String ATOMS_PER_S = "trainAtomsPerSecond";
  private static final String RESUMED = "resumedFromEpoch";
  private static final String STOPPED = "stoppedEarly";
  private static final String EPOCHS_RUN = "epochsRun";
  private static final String START_SHA = "startWeightsSha256";
  private static final String START_EPOCHS = "startEpochs";

  private static final Set<String> KEYS =
      Set.of(
          BACKEND,
          DEVICE,
          THREADS,
          CONCURRENCY,
          ALLOCATOR,
          DJL,
          LIBTORCH,
          GRAPHS,
          BEST_VAL,
          REFERENCE,
          SPLIT,
          DROPPED,
          DROPPED_INCOMPLETE,
          CRYSTALS_PER_S,
          ATOMS_PER_S,
          RESUMED,
          STOPPED,
          EPOCHS_RUN,
          START_SHA,
          START_EPOCHS);

  /** The fields in file order; a field not recorded is left out. */
  static Map<String, String> fields(RunProvenance p) {
    RunEnvironment env = p.environment();
    RunData data = p.data();
    RunFigures figures = p.figures();
    Map<String, String> f = new LinkedHashMap<>();
    f.put(BACKEND, env.backend());
    f.put(DEVICE, env.device());
    f.put(THREADS, Integer.toString(env.threads()));
    putIfRecorded(f, CONCURRENCY, env.concurrency());
    f.put(ALLOCATOR, env.allocator());
    f.put(DJL, env.djlVersion());
    f.put(LIBTORCH, env.libtorchVersion());
    f.put(GRAPHS, data.graphSettings());
    f.put(BEST_VAL, Double.toString(figures.bestValMetric()));
    f.put(REFERENCE, Double.toString(figures.referenceTestMetric()));
    f.put(
        SPLIT,
        data.trainMaterials() + "/" + data.validationMaterials() + "/" + data.testMaterials());
    f.put(DROPPED, data.droppedMissingTarget() + "/" + data.droppedMissingExtra());
    putIfRecorded(f, DROPPED_INCOMPLETE, data.droppedIncomplete());
    f.put(CRYSTALS_PER_S, Double.toString(figures.trainCrystalsPerSecond()));
    putIfRecorded(f, ATOMS_PER_S, figures.trainAtomsPerSecond());
    f.put(RESUMED, Integer.toString(figures.resumedFromEpoch()));
    putIfRecorded(f, STOPPED, figures.stoppedEarly());
    putIfRecorded(f, EPOCHS_RUN, figures.epochsRun());
    p.start()
        .ifPresent(
            s -> {
              f.put(START_SHA, s.sha256());
              f.put(START_EPOCHS, Integer.toString(s.epochs()));
            });
    return f;
  }

  private static void putIfRecorded(Map<String, String> f, String key, Object value) {
    if (value != null) {
      f.put(key, value.toString()); // Integer, Double and Boolean spell as their primitives do
    }
  }

  /**
   * The provenance the fields describe.
   *
   * @throws IllegalArgumentException naming the field that is missing, unknown or not of its type
   */
  static RunProvenance parse(Map<String, String> fields) {
    for (String key : fields.keySet()) {
      if (!KEYS.contains(key)) {
        throw new IllegalArgumentException("unknown field '" + key + "'");
      }
    }
    Fields f = new Fields(fields);
    int[] split = f.counts(SPLIT, 3);
    int[] dropped = f.counts(DROPPED, 2);
    Optional<StartWeights> start =
        f.optional(START_SHA) == null && f.optional(START_EPOCHS) == null
            ? Optional.empty() // a training from scratch: both or neither are written
            : Optional.of(new StartWeights(f.required(START_SHA), f.integer(START_EPOCHS)));
    return new RunProvenance(
        new RunEnvironment(
            f.required(BACKEND),
            f.required(DEVICE),
            f.integer(THREADS),
            f.recorded(CONCURRENCY, f::integer),
            f.required(ALLOCATOR),
            f.required(DJL),
            f.required(LIBTORCH)),
        new RunData(
            f.required(GRAPHS),
            split[0],
            split[1],
            split[2],
            dropped[0],
            dropped[1],
            f.recorded(DROPPED_INCOMPLETE, f::integer)),
        new RunFigures(
            f.decimal(BEST_VAL),
            f.decimal(REFERENCE),
            f.decimal(CRYSTALS_PER_S),
            f.recorded(ATOMS_PER_S, f::decimal),
            f.integer(RESUMED),
            f.recorded(STOPPED, f::bool),
            f.recorded(EPOCHS_RUN, f::integer)),
        start);
  }

  /** The string fields of one file, read by type, each error naming its field. */
  private record Fields(Map<String, String> values) {
    String optional(String key) {
      return values.get(key);
    }

    /** Field {@code key} read by {@code read}, or null where the file does not record it. */
    <T> T recorded(String key, Function<String, T> read) {
      return values.get(key) == null ? null : read.apply(key);
    }

    String required(String key) {
      String v = values.get(key);
      if (v == null) {
        throw new IllegalArgumentException("field '" + key + "' is missing");
      }
      return v;
    }

    int integer(String key) {
      return number(key, Integer::parseInt, "an integer");
    }

    double decimal(String key) {
      return number(key, Double::parseDouble, "a number");
    }

    /**
     * The required field {@code key} parsed, or an error naming it and saying it is not {@code
     * what}.
     */
    private <T> T number(String key, Function<String, T> parse, String what) {
      String v = required(key);
      try {
        return parse.apply(v);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("field '" + key + "': '" + v + "' is not " + what, e);
      }
    }

    boolean bool(String key) {
      String v = required(key);
      return switch (v) {
        case "true" -> true;
        case "false" -> false;
        default ->
            throw new IllegalArgumentException(
                "field '" + key + "': '" + v + "' is neither true nor false");
      };
    }

    /** {@code n} counts written {@code a/b/…}. */
    int[] counts(String key, int n) {
      return number(
          key,
          v -> {
            String[] parts = v.split("/", -1);
            if (parts.length != n) {
              throw new NumberFormatException(parts.length + " parts");
            }
            int[] counts = new int[n];
            for (int i = 0; i < n; i++) {
              counts[i] = Integer.parseInt(parts[i]);
            }
            return counts;
          },
          n + " counts separated by /");
    }
  }

  /** Writes a provenance as its object of strings, none as an empty object. */
  static final class Writer extends StdSerializer<Optional<RunProvenance>> {
    Writer() {
      super(TypeFactory.defaultInstance().constructType(Optional.class));
    }

    @Override
    public void serialize(
        Optional<RunProvenance> value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeStartObject();
      if (value.isPresent()) {
        for (Map.Entry<String, String> e : fields(value.get()).entrySet()) {
          gen.writeStringField(e.getKey(), e.getValue());
        }
      }
      gen.writeEndObject();
    }
  }

  /** Reads the object of strings; an empty, null or missing one as no provenance. */
  static final class Reader extends StdDeserializer<Optional<RunProvenance>> {
    Reader() {
      super(Optional.class);
    }

    @Override
    public Optional<RunProvenance> deserialize(JsonParser p, DeserializationContext ctxt)
        throws IOException {
      JavaType type =
          ctxt.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, String.class);
      Map<String, String> raw = ctxt.readValue(p, type);
      Map<String, String> fields = new LinkedHashMap<>();
      raw.forEach(
          (k, v) -> {
            if (v != null) {
              fields.put(k, v);
            }
          });
      if (fields.isEmpty()) {
        return Optional.empty();
      }
      try {
        return Optional.of(parse(fields));
      } catch (IllegalArgumentException e) {
        throw JsonMappingException.from(p, "provenance: " + e.getMessage(), e);
      }
    }

    @Override
    public Optional<RunProvenance> getNullValue(DeserializationContext ctxt) {
      return Optional.empty();
    }

    @Override
    public Object getAbsentValue(DeserializationContext ctxt) {
      return Optional.empty();
    }
  }
}
