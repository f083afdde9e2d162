package tomo.workflows.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tomo.hyper.ExtraGain;
import tomo.hyper.HyperParameters;
import tomo.hyper.InitMode;
import tomo.hyper.Labelled;
import tomo.hyper.Optimizer;
import tomo.hyper.Scaling;

/**
 * A named set of the choices that change a sweep's numbers besides the data and the grid: how the
 * augmented network starts against its baseline, the gain on the extra input, which baseline a cell
 * is compared with, how targets and extras are standardized, and when the learning rate decays. A
 * spec names one; the fields it leaves out take that protocol's values, and every training records
 * it, so a report never mixes two.
 */
public enum Protocol implements Labelled {
  /**
   * tomo's: tight pairs (the augmented network starts as its baseline: same draws, extra weights
   * zero, same batches), the extra input scaled by the automatic gain, one baseline per (target,
   * representation, seed) shared by the cells, z-scores from the training split, and the learning
   * rate ×0.1 half-way through the epochs asked for (so a short sweep ends at the low rate too).
   */
  TOMO,
  /**
   * What the paper's code does: independently started baseline and augmented networks, the extra
   * concatenated with gain 1, a baseline per cell with the cell's property masked, whole-dataset
   * z-scores (ddof 1), SGD, the learning rate ×0.1 at epoch 100.
   */
  PAPER,
  /**
   * Fine-tuned pairs (experimental): per (target, representation, seed) one baseline trained in
   * full as under tomo's protocol; then every cell starts from that baseline's best weights with
   * its extra weights zero and trains {@code hyper.finetuneEpochs} F more epochs, and is compared
   * with the <em>control</em>: the baseline continued for the same F epochs from the same weights,
   * without the extra input, on the same batches and schedule (the full rate for the first half of
   * the F epochs, ×0.1 for the rest: the zero extra weights must learn). A group costs E + (cells +
   * 1)·F epochs instead of (cells + 1)·E. The rest is tomo's: gain, scaling, paired rule, rows.
   */
  FINETUNE;

  /** The protocol of a spec that names none. */
  public static final Protocol DEFAULT = TOMO;

  /** The paper's epoch count. */
  public static final int PAPER_EPOCHS = 500;

  /** The fine-tuning epochs F of a spec that gives none: a fifth of the baseline's, at least 1. */
  public static int finetuneEpochs(int epochs) {
    return Math.max(1, (epochs + 4) / 5);
  }

  /** How the augmented network starts against its baseline. */
  public InitMode init() {
    return this == PAPER ? InitMode.INDEPENDENT : InitMode.TIGHT;
  }

  /** The factor on the extra input. */
  public ExtraGain extraGain() {
    return this == PAPER ? ExtraGain.of(1) : ExtraGain.AUTO;
  }

  /**
   * The report's primary significance rule when the spec names none: the paper's bounds for the
   * paper's protocol, tomo's paired rule for tomo's (a tight pair's per-seed change is the quantity
   * tight pairs make precise); the report shows all three either way.
   */
  public SignificanceRule rule() {
    return this == PAPER ? SignificanceRule.PAPER_BOUNDS : SignificanceRule.PAIRED;
  }

  /** Where the z-scores of the target and the extra come from. */
  public Scaling scaling() {
    return this == PAPER ? Scaling.DATASET : Scaling.TRAIN;
  }

  /** Which baseline a cell is compared with. */
  public BaselineMode baseline() {
    return this == PAPER ? BaselineMode.PER_CELL : BaselineMode.SHARED;
  }

  /**
   * The 0-based epoch from which the learning rate is ×0.1: the paper's 100 whatever the epochs;
   * tomo's half of {@code epochs}, so the low-rate phase that lets a pair settle lies inside every
   * budget (a constant rate over 40 epochs left pairs 10 % apart seed to seed).
   */
  public int milestone(int epochs) {
    return this == PAPER ? HyperParameters.PAPER_MILESTONE : Math.max(1, (epochs + 1) / 2);
  }

  /** This protocol's hyper-parameters for {@code epochs} epochs, CGCNN's published values else. */
  public HyperParameters hyper(int epochs) {
    return HyperParameters.builder()
        .epochs(epochs)
        .milestone(milestone(epochs))
        .init(init())
        .extraGain(extraGain())
        .scaling(scaling())
        .finetuneEpochs(this == FINETUNE ? finetuneEpochs(epochs) : null)
        .build();
  }

  /**
   * {@code parsed} (a spec's {@code hyper} block, its absent fields filled with CGCNN's published
   * values) with the fields the spec did not give, {@code given} being the names it did, set as
   * this protocol sets them: init, extra gain, scaling and the learning-rate milestone.
   */
  public HyperParameters fillAbsent(HyperParameters parsed, Set<String> given) {
    HyperParameters.Builder b = parsed.toBuilder();
    if (!given.contains("init")) {
      b.init(init());
    }
    if (!given.contains("extraGain")) {
      b.extraGain(extraGain());
    }
    if (!given.contains("scaling")) {
      b.scaling(scaling());
    }
    if (!given.contains("milestone")) {
      b.milestone(milestone(parsed.epochs()));
    }
    if (!given.contains("finetuneEpochs") && this == FINETUNE) {
      b.finetuneEpochs(finetuneEpochs(parsed.epochs()));
    }
    return b.build();
  }

  /**
   * Where {@code hyper}, {@code baseline} and {@code incompleteRows} depart from this protocol's
   * fixed choices, one text per departure; none for a spec that follows it. The paper's protocol
   * fixes its method (init, gain, scaling, optimizer, baseline, rows); its epochs, rate, momentum,
   * batch and milestone may differ (a shorter run is still its method), and {@link #notes} says so.
   * tomo's values are defaults a spec may change, and {@link #notes} lists what it changed.
   */
  public List<String> conflicts(
      HyperParameters hyper, BaselineMode baseline, IncompleteRows incomplete) {
    List<String> out = new ArrayList<>();
    if (this == PAPER) {
      if (hyper.init() != init()) {
        out.add("hyper.init: " + hyper.init() + " (the paper's: " + init() + ")");
      }
      if (!hyper.extraGain().equals(extraGain())) {
        out.add("hyper.extraGain: " + hyper.extraGain() + " (the paper's: " + extraGain() + ")");
      }
      if (hyper.scaling() != scaling()) {
        out.add("hyper.scaling: " + hyper.scaling() + " (the paper's: " + scaling() + ")");
      }
      if (hyper.optimizer() != Optimizer.SGD) {
        out.add("hyper.optimizer: " + hyper.optimizer() + " (the paper's: sgd)");
      }
      if (hyper.patience() != null) {
        out.add("hyper.patience: " + hyper.patience() + " (the paper trains every epoch)");
      }
      if (baseline != BaselineMode.PER_CELL) {
        out.add("baseline: shared (the paper's: per-cell)");
      }
      if (incomplete != IncompleteRows.DROP) {
        out.add("incompleteRows: keep (the paper drops them)");
      }
    }
    if (this == FINETUNE) {
      // a cell starts as its baseline only from the baseline's own weights with zero extra weights,
      // and every cell of a seed shares one baseline and one control
      if (hyper.init() != InitMode.TIGHT) {
        out.add("hyper.init: " + hyper.init() + " (a fine-tuned cell starts as its baseline)");
      }
      if (baseline != BaselineMode.SHARED) {
        out.add("baseline: per-cell (fine-tuned cells share their seed's baseline and control)");
      }
      if (incomplete != IncompleteRows.DROP) {
        out.add("incompleteRows: keep (fine-tuned cells need their baseline's rows)");
      }
      if (hyper.finetuneEpochs() == null || hyper.finetuneEpochs() < 1) {
        out.add("hyper.finetuneEpochs: " + hyper.finetuneEpochs() + " (expected at least 1)");
      }
    } else if (hyper.finetuneEpochs() != null) {
      out.add("hyper.finetuneEpochs: " + hyper.finetuneEpochs() + " (only protocol: finetune)");
    }
    return out;
  }

  /**
   * What a reader of a report must know of how {@code hyper} follows this protocol: the paper's
   * values a run departs from (epochs, rate, batch, momentum, milestone), tomo's defaults a spec
   * changed (init, gain, scaling), and a learning-rate milestone the epochs never reach.
   */
  public List<String> notes(HyperParameters hyper) {
    List<String> out = new ArrayList<>();
    if (this == FINETUNE && hyper.finetuneEpochs() == null) {
      // the baseline a fine-tuned sweep trains in full (its hyper-parameters name no F)
      out.add(
          "experimental: the baseline trained in full, its cells fine-tuned from its best weights");
    } else if (this == FINETUNE) {
      out.add(
          ("experimental: cells fine-tuned %d epoch%s from their baseline's best weights, compared"
                  + " with the baseline continued as long (the control)")
              .formatted(hyper.finetuneEpochs(), hyper.finetuneEpochs() == 1 ? "" : "s"));
    }
    if (this != PAPER) {
      if (hyper.init() != init()) {
        out.add("init %s (tomo's: %s)".formatted(hyper.init(), init()));
      }
      if (!hyper.extraGain().equals(extraGain())) {
        out.add("extra gain %s (tomo's: %s)".formatted(hyper.extraGain(), extraGain()));
      }
      if (hyper.scaling() != scaling()) {
        out.add("scaling %s (tomo's: %s)".formatted(hyper.scaling(), scaling()));
      }
    }
    if (this == PAPER) {
      if (hyper.epochs() != PAPER_EPOCHS) {
        out.add("%d epochs (the paper's: %d)".formatted(hyper.epochs(), PAPER_EPOCHS));
      }
      double lr = Optimizer.DEFAULT_LEARNING_RATE;
      if (hyper.learningRate() != lr) {
        out.add("learning rate %s (the paper's: %s)".formatted(hyper.learningRate(), lr));
      }
      if (hyper.batchSize() != HyperParameters.PAPER_BATCH_SIZE) {
        out.add(
            "batch %d (the paper's: %d)"
                .formatted(hyper.batchSize(), HyperParameters.PAPER_BATCH_SIZE));
      }
      if (hyper.momentum() != HyperParameters.PAPER_MOMENTUM) {
        out.add(
            "momentum %s (the paper's: %s)"
                .formatted(hyper.momentum(), HyperParameters.PAPER_MOMENTUM));
      }
      if (hyper.milestone() != HyperParameters.PAPER_MILESTONE) {
        out.add(
            "milestone %d (the paper's: %d)"
                .formatted(hyper.milestone(), HyperParameters.PAPER_MILESTONE));
      }
    }
    if (hyper.milestone() >= hyper.epochs()) {
      out.add(
          ("the learning-rate milestone (epoch %d) lies beyond the %d epochs: the rate never"
                  + " decays, and pairs end at the full rate")
              .formatted(hyper.milestone(), hyper.epochs()));
    }
    return out;
  }

  @Override
  public String toString() {
    return label();
  }

  /** Every label, in declaration order. */
  public static List<String> labels() {
    return Labelled.labels(Protocol.class);
  }

  /**
   * The protocol named {@code label}.
   *
   * @throws IllegalArgumentException naming the allowed labels
   */
  @JsonCreator
  public static Protocol of(String label) {
    return Labelled.parse(Protocol.class, label);
  }
}
