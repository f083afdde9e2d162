package tomo.activities.training;

import tomo.cgcnn.ExtraGain;
import tomo.cgcnn.InitScheme;
import tomo.workflows.model.InitMode;

/** The one mapping between a spec's init mode and extra-input gain and the CGCNN trainer's. */
public final class ExtraInputSettings {
  private ExtraInputSettings() {}

  /** The trainer's init scheme for {@code mode}. */
  public static InitScheme of(InitMode mode) {
    return switch (mode) {
      case TIGHT -> InitScheme.TIGHT;
      case INDEPENDENT -> InitScheme.INDEPENDENT;
    };
  }

  /** The trainer's gain for {@code gain}. */
  public static ExtraGain of(tomo.workflows.model.ExtraGain gain) {
    return gain.auto() ? ExtraGain.AUTO : ExtraGain.of(gain.factor());
  }
}
