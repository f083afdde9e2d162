package tomo.materials.property;

/** Whether a property is a real number or one of a fixed list of classes. */
public enum PropertyKind {
  NUMERIC,
  CATEGORICAL
}
