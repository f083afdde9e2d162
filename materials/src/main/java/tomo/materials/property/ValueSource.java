package tomo.materials.property;

/** Where a property value came from. */
public enum ValueSource {
  /** Read from the dataset file. */
  FILE,
  /** Computed from the crystal structure (the file had no value). */
  DERIVED,
  /** Another material's value of the source property: a null control ({@link PermutedProperty}). */
  PERMUTED
}
