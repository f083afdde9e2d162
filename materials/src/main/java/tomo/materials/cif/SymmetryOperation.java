package tomo.materials.cif;

/**
 * A space-group operation on fractional coordinates, x' = R·x + t, parsed from CIF's xyz notation
 * such as {@code -y+1/2, x-y, z+0.25}.
 *
 * @param rotation row-major 3×3 integer-valued matrix R (stored as double for arithmetic)
 * @param translation fractional translation t
 */
record SymmetryOperation(double[] rotation, double[] translation) {

  /**
   * Parses one operation; throws {@link IllegalArgumentException} with what is wrong (the caller
   * adds the location).
   */
  static SymmetryOperation parse(String xyz) {
    String[] parts = xyz.replace(" ", "").replace("\t", "").split(",", -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException(
          "symmetry operation '%s' must have three comma-separated parts".formatted(xyz));
    }
    double[] r = new double[9];
    double[] t = new double[3];
    for (int row = 0; row < 3; row++) {
      parseComponent(parts[row], xyz, r, row, t);
    }
    return new SymmetryOperation(r, t);
  }

  /** Applies the operation to (a, b, c), writing the result into {@code out}. */
  void apply(double a, double b, double c, double[] out) {
    for (int i = 0; i < 3; i++) {
      out[i] =
          rotation[3 * i] * a + rotation[3 * i + 1] * b + rotation[3 * i + 2] * c + translation[i];
    }
  }

  // One component is a signed sum of terms; a term is a number (decimal or fraction), a variable,
  // or a coefficient times a variable ("2x", "2*x", "1/2x" are all accepted).
  private static void parseComponent(String s, String whole, double[] r, int row, double[] t) {
    if (s.isEmpty()) {
      throw new IllegalArgumentException(
          "symmetry operation '%s' has an empty part".formatted(whole));
    }
    String lower = s.toLowerCase(java.util.Locale.ROOT);
    int i = 0;
    boolean sawTerm = false;
    while (i < lower.length()) {
      double sign = 1;
      if (lower.charAt(i) == '+' || lower.charAt(i) == '-') {
        sign = lower.charAt(i) == '-' ? -1 : 1;
        i++;
      } else if (sawTerm) {
        throw bad(whole, s);
      }
      int numStart = i;
      while (i < lower.length() && (Character.isDigit(lower.charAt(i)) || lower.charAt(i) == '.')) {
        i++;
      }
      Double coefficient = null;
      if (i > numStart) {
        coefficient = Double.parseDouble(lower.substring(numStart, i));
        if (i < lower.length() && lower.charAt(i) == '/') {
          int denStart = ++i;
          while (i < lower.length() && Character.isDigit(lower.charAt(i))) {
            i++;
          }
          if (i == denStart) {
            throw bad(whole, s);
          }
          coefficient /= Double.parseDouble(lower.substring(denStart, i));
        }
        if (i < lower.length() && lower.charAt(i) == '*') {
          i++;
        }
      }
      if (i < lower.length() && "xyz".indexOf(lower.charAt(i)) >= 0) {
        int col = lower.charAt(i) - 'x';
        r[3 * row + col] += sign * (coefficient == null ? 1 : coefficient);
        i++;
      } else if (coefficient != null) {
        t[row] += sign * coefficient;
      } else {
        throw bad(whole, s);
      }
      sawTerm = true;
    }
  }

  private static IllegalArgumentException bad(String whole, String part) {
    return new IllegalArgumentException(
        "cannot read symmetry operation '%s' (part '%s'); expected terms like x, -y, z+1/2"
            .formatted(whole, part));
  }
}
