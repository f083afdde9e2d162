package tomo.activities.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import tomo.hyper.ExtraGain;
import tomo.hyper.InitMode;
import tomo.hyper.Scaling;
import tomo.materials.io.Sha256;
import tomo.workflows.model.Protocol;
import tomo.workflows.model.Rows;
import tomo.workflows.model.TrainingRequest;

/**
 * The key of a training in the artifact store: SHA-256 of everything that changes its result (the
 * data's hash, target, property, representation, seed, hyper-parameters with the network's init and
 * extra-input gain, limit, sample, trainer) and nothing that does not (where the dataset or the
 * store lie).
 */
public final class ContentHash {
  private static final ObjectMapper CANONICAL =
      JsonMapper.builder()
          // the hashed tree written with every object's keys sorted (records and maps alike),
          // whatever order a record declares: the bytes hashed since the first stored training
          .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
          .build();

  private ContentHash() {}

  public static String of(TrainingRequest request, String trainerId) {
    ObjectNode node = CANONICAL.valueToTree(request);
    node.remove("datasetPath");
    node.remove("artifactDir");
    if (!(request.selection().rows() instanceof Rows.Sample)) {
      // all rows, as before samples existed: the hash of results stored then stays the same
      node.remove("sample");
      node.remove("sampleSeed");
    }
    // skipping bad rows changes no result: a file without bad rows reads the same either way, and
    // one with bad rows trains only when they are skipped. Left out, so hashes stored before the
    // option existed still match
    node.remove("skipBadRows");
    // choices added after results were stored, left out where they equal what every training did
    // before: those results keep their hash, and any other choice gets a hash of its own
    if (request.protocol() == Protocol.TOMO) {
      node.remove("protocol");
    }
    if (request.completeOver().isEmpty()) {
      node.remove("completeOver");
    }
    if (node.get("hyper") instanceof ObjectNode hyper) {
      // the network's settings of every request before they were fields, likewise
      if (request.hyper().scaling() == Scaling.TRAIN) {
        hyper.remove("scaling");
      }
      if (request.hyper().init() == InitMode.TIGHT) {
        hyper.remove("init");
      }
      if (request.hyper().extraGain().equals(ExtraGain.AUTO)) {
        hyper.remove("extraGain");
      }
    }
    // the trainer's versioned id, not the spec's name for it: a new version trains anew
    node.put("trainer", trainerId);
    try {
      return Sha256.hex(CANONICAL.writeValueAsBytes(node));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot hash " + request, e);
    }
  }
}
