package tomo.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import tomo.hyper.HyperParameters;

/**
 * How a sweep trains and judges: the method its numbers depend on, recorded with every result.
 *
 * @param hyper training hyper-parameters (fields a spec leaves out take its protocol's values)
 * @param baseline {@code shared} (one baseline per target, representation and seed) or {@code
 *     per-cell}
 * @param trainer which trainer produces the sweep's results: {@code cgcnn} (real trainings) or
 *     {@code synthetic}; a training worker running another one refuses the request, and the report
 *     collects this trainer's results
 * @param protocol the named set of choices the trainings follow ({@code tomo}, {@code paper} or
 *     {@code finetune}); one a spec gives against the protocol's fixed choices is refused
 * @param rule the report's primary significance rule (Table 1's "significant" list); the report
 *     shows all three
 */
public record SweepTraining(
    HyperParameters hyper,
    BaselineMode baseline,
    TrainerKind trainer,
    Protocol protocol,
    SignificanceRule rule) {

  /** The trainer of a spec that names none: real CGCNN trainings. */
  public static final TrainerKind DEFAULT_TRAINER = TrainerKind.CGCNN;

  public SweepTraining {
    // absent (a spec file, or a sweep started before specs named them): the trainer every sweep
    // used then, and tomo's protocol, whose choices every earlier sweep made
    trainer = trainer == null ? DEFAULT_TRAINER : trainer;
    protocol = protocol == null ? Protocol.DEFAULT : protocol;
  }

  /**
   * What a reader must know of how these (normalized) choices follow their protocol: the paper's
   * values they depart from, a learning-rate milestone the epochs never reach. Printed by {@code
   * sweep start} and in the report.
   */
  @JsonIgnore
  public List<String> protocolNotes() {
    return protocol.notes(hyper);
  }
}
