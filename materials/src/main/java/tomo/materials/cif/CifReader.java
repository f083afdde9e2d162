package tomo.materials.cif;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import tomo.materials.structure.Element;
import tomo.materials.structure.Lattice;
import tomo.materials.structure.PeriodicTable;
import tomo.materials.structure.Site;
import tomo.materials.structure.Structure;

/**
 * Reads a crystal structure from CIF 1.1 text: the Materials Project's P1 CIFs and ordinary CIFs
 * that list an asymmetric unit and the space group's symmetry operations.
 *
 * <p>Every operation is applied to every listed site, coordinates are wrapped into [0, 1), and
 * copies that land within {@value #MERGE_TOLERANCE_ANGSTROM} Å of an earlier site (with periodic
 * wrap) are merged. Only fully ordered structures are accepted: partial occupancy, and two
 * different elements on one position, are rejected because every tomo model assumes one element per
 * site.
 *
 * <p>No maintained Java library on Maven Central reads small-molecule CIF 1.1 and expands symmetry
 * operations (ciftools-java targets mmCIF/BinaryCIF categories; CDK's reader does not expand the
 * asymmetric unit), so the syntax and the expansion are implemented here.
 */
public final class CifReader {
  /**
   * Symmetry copies closer than this are one site. CIFs round coordinates to 3–5 digits, so copies
   * of a site on a special position differ by up to ~0.03 Å in large cells; distinct atoms are
   * never closer than ~0.5 Å.
   */
  public static final double MERGE_TOLERANCE_ANGSTROM = 0.05;

  /** Occupancies below {@code 1 - this} count as partial. */
  public static final double OCCUPANCY_TOLERANCE = 1e-3;

  private static final String[] SYMOP_TAGS = {
    "_symmetry_equiv_pos_as_xyz",
    "_space_group_symop_operation_xyz",
    "_space_group_symop.operation_xyz"
  };
  private static final String[] SPACE_GROUP_NAME_TAGS = {
    "_symmetry_space_group_name_h-m", "_space_group_name_h-m_alt", "_space_group.name_h-m_alt"
  };
  private static final String[] CELL_TAGS = {
    "_cell_length_a",
    "_cell_length_b",
    "_cell_length_c",
    "_cell_angle_alpha",
    "_cell_angle_beta",
    "_cell_angle_gamma"
  };

  private CifReader() {}

  /**
   * Parses {@code cifText} into a structure.
   *
   * @param cifText the CIF
   * @param sourceName where it came from, used in error messages (a file name, a dataset row)
   * @throws CifException naming the source, the CIF line and the field when the text is not a
   *     readable, fully ordered crystal structure
   */
  public static Structure parse(String cifText, String sourceName) {
    List<CifBlock> blocks = CifSyntax.parse(cifText, sourceName);
    CifBlock block =
        blocks.stream()
            .filter(b -> b.findLoop("_atom_site_fract_x") != null)
            .findFirst()
            .orElseThrow(
                () ->
                    new CifException(
                        sourceName,
                        0,
                        "_atom_site_fract_x",
                        "no data block has an atom-site loop with fractional coordinates"));
    Lattice lattice = lattice(block, sourceName);
    List<SymmetryOperation> ops = symmetryOperations(block, sourceName);
    return new Structure(lattice, sites(block, lattice, ops, sourceName));
  }

  private static Lattice lattice(CifBlock block, String source) {
    double[] p = new double[6];
    int lastLine = block.line();
    for (int i = 0; i < 6; i++) {
      CifValue v = block.item(CELL_TAGS[i]);
      if (v == null || v.isNull()) {
        throw new CifException(
            source,
            v == null ? 0 : v.line(),
            CELL_TAGS[i],
            "cell parameter is missing in data_" + block.name());
      }
      p[i] = number(v, CELL_TAGS[i], source);
      lastLine = Math.max(lastLine, v.line());
    }
    for (int i = 0; i < 3; i++) {
      if (!(p[i] > 0)) {
        CifValue v = block.item(CELL_TAGS[i]);
        throw new CifException(
            source, v.line(), CELL_TAGS[i], "cell length must be positive, got " + v.text());
      }
    }
    try {
      return Lattice.fromParameters(p[0], p[1], p[2], p[3], p[4], p[5]);
    } catch (IllegalArgumentException e) {
      throw new CifException(
          source,
          block.item("_cell_angle_alpha").line(),
          "_cell_angle_alpha/_cell_angle_beta/_cell_angle_gamma",
          "zero or negative cell volume: " + e.getMessage());
    }
  }

  private static List<SymmetryOperation> symmetryOperations(CifBlock block, String source) {
    for (String tag : SYMOP_TAGS) {
      List<CifValue> values = new ArrayList<>();
      CifBlock.Loop loop = block.findLoop(tag);
      if (loop != null) {
        int col = loop.column(tag);
        loop.rows().forEach(r -> values.add(r[col]));
      } else if (block.item(tag) != null) {
        values.add(block.item(tag));
      }
      if (values.isEmpty()) {
        continue;
      }
      List<SymmetryOperation> ops = new ArrayList<>();
      for (CifValue v : values) {
        try {
          ops.add(SymmetryOperation.parse(v.text()));
        } catch (IllegalArgumentException e) {
          throw new CifException(source, v.line(), tag, e.getMessage());
        }
      }
      return ops;
    }
    // Without operations the listed sites are the whole cell only in P1.
    for (String tag : SPACE_GROUP_NAME_TAGS) {
      CifValue name = block.item(tag);
      if (name != null && !name.isNull()) {
        String compact = name.text().replace(" ", "").replace("_", "").toLowerCase(Locale.ROOT);
        if (!compact.equals("p1")) {
          throw new CifException(
              source,
              name.line(),
              SYMOP_TAGS[0],
              "no symmetry operations are listed but the space group is '%s', not P1; add a loop_ of"
                      .formatted(name.text())
                  + " _symmetry_equiv_pos_as_xyz or _space_group_symop_operation_xyz");
        }
      }
    }
    return List.of(SymmetryOperation.parse("x,y,z"));
  }

  private static List<Site> sites(
      CifBlock block, Lattice lattice, List<SymmetryOperation> ops, String source) {
    CifBlock.Loop loop = block.findLoop("_atom_site_fract_x");
    int cx = column(loop, "_atom_site_fract_x", block, source);
    int cy = column(loop, "_atom_site_fract_y", block, source);
    int cz = column(loop, "_atom_site_fract_z", block, source);
    int cType = loop.column("_atom_site_type_symbol");
    int cLabel = loop.column("_atom_site_label");
    int cOcc = loop.column("_atom_site_occupancy");
    if (cType < 0 && cLabel < 0) {
      throw new CifException(
          source,
          loop.line(),
          "_atom_site_type_symbol",
          "the atom-site loop has neither _atom_site_type_symbol nor _atom_site_label");
    }
    List<Site> sites = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    double[] image = new double[3];
    for (CifValue[] row : loop.rows()) {
      String label = cLabel >= 0 ? row[cLabel].text() : row[cType].text();
      Element element = element(row, cType, cLabel, source);
      if (cOcc >= 0 && !row[cOcc].isNull()) {
        double occupancy = number(row[cOcc], "_atom_site_occupancy", source);
        if (occupancy < 1 - OCCUPANCY_TOLERANCE || occupancy > 1 + OCCUPANCY_TOLERANCE) {
          throw new CifException(
              source,
              row[cOcc].line(),
              "_atom_site_occupancy",
              ("site %s has occupancy %s; only fully occupied (ordered) structures are supported"
                      + " (order the structure first, e.g. choose one configuration)")
                  .formatted(label, row[cOcc].text()));
        }
      }
      double x = number(row[cx], "_atom_site_fract_x", source);
      double y = number(row[cy], "_atom_site_fract_y", source);
      double z = number(row[cz], "_atom_site_fract_z", source);
      for (SymmetryOperation op : ops) {
        op.apply(x, y, z, image);
        double a = wrap(image[0]);
        double b = wrap(image[1]);
        double c = wrap(image[2]);
        int same = indexOfCoincident(sites, lattice, a, b, c);
        if (same < 0) {
          sites.add(new Site(element, a, b, c));
          labels.add(label);
        } else if (sites.get(same).element() != element) {
          throw new CifException(
              source,
              row[cx].line(),
              "_atom_site_fract_x",
              ("site %s (%s) lies within %s Å of site %s (%s): two elements on one position is"
                      + " disorder, which is not supported")
                  .formatted(
                      label,
                      element.symbol(),
                      MERGE_TOLERANCE_ANGSTROM,
                      labels.get(same),
                      sites.get(same).element().symbol()));
        }
      }
    }
    if (sites.isEmpty()) {
      throw new CifException(
          source, loop.line(), "_atom_site_fract_x", "the structure has no sites");
    }
    return sites;
  }

  private static int indexOfCoincident(
      List<Site> sites, Lattice lattice, double a, double b, double c) {
    double[] d = new double[3];
    double tol2 = MERGE_TOLERANCE_ANGSTROM * MERGE_TOLERANCE_ANGSTROM;
    for (int i = 0; i < sites.size(); i++) {
      Site s = sites.get(i);
      double da = a - s.fracA();
      double db = b - s.fracB();
      double dc = c - s.fracC();
      da -= Math.rint(da);
      db -= Math.rint(db);
      dc -= Math.rint(dc);
      lattice.toCartesian(da, db, dc, d);
      if (d[0] * d[0] + d[1] * d[1] + d[2] * d[2] < tol2) {
        return i;
      }
    }
    return -1;
  }

  private static double wrap(double f) {
    double w = f - Math.floor(f);
    return w >= 1.0 ? 0.0 : w; // f - floor(f) rounds to 1.0 for tiny negative f
  }

  private static int column(CifBlock.Loop loop, String tag, CifBlock block, String source) {
    int col = loop.column(tag);
    if (col < 0) {
      throw new CifException(
          source, loop.line(), tag, "the atom-site loop of data_" + block.name() + " lacks it");
    }
    return col;
  }

  private static Element element(CifValue[] row, int cType, int cLabel, String source) {
    if (cType >= 0 && !row[cType].isNull()) {
      return symbolOf(row[cType].text())
          .orElseThrow(
              () ->
                  new CifException(
                      source,
                      row[cType].line(),
                      "_atom_site_type_symbol",
                      "'%s' is not a known element (H to Lr), e.g. Fe, Fe2+, O2-"
                          .formatted(row[cType].text())));
    }
    if (cLabel < 0) {
      throw new CifException(
          source, row[cType].line(), "_atom_site_type_symbol", "element is unknown ('?')");
    }
    return symbolOf(row[cLabel].text())
        .orElseThrow(
            () ->
                new CifException(
                    source,
                    row[cLabel].line(),
                    "_atom_site_label",
                    "site label '%s' does not start with a known element symbol"
                        .formatted(row[cLabel].text())));
  }

  /**
   * The element a type symbol or site label names: its leading letters, e.g. "Fe2+" and "Fe1" are
   * Fe, "O2-" is O. A two-letter element wins over a one-letter one ("Co1" is cobalt), as in every
   * CIF writer's labels.
   */
  static Optional<Element> symbolOf(String text) {
    int n = 0;
    while (n < text.length() && n < 2 && Character.isLetter(text.charAt(n))) {
      n++;
    }
    if (n == 0) {
      return Optional.empty();
    }
    String first = text.substring(0, 1).toUpperCase(Locale.ROOT);
    if (n == 2) {
      Optional<Element> two =
          PeriodicTable.bySymbol(first + text.substring(1, 2).toLowerCase(Locale.ROOT));
      if (two.isPresent()) {
        return two;
      }
    }
    return PeriodicTable.bySymbol(first);
  }

  /** A CIF number, possibly with a standard uncertainty in parentheses, e.g. 5.431(2). */
  static double number(CifValue v, String field, String source) {
    String s = v.text();
    int paren = s.indexOf('(');
    if (paren > 0 && s.endsWith(")")) {
      s = s.substring(0, paren);
    }
    try {
      double d = Double.parseDouble(s);
      if (Double.isFinite(d) && !s.isEmpty() && !Character.isLetter(s.charAt(s.length() - 1))) {
        return d;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new CifException(source, v.line(), field, "expected a number, got '" + v.text() + "'");
  }
}
