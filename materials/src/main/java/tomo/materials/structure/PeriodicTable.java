package tomo.materials.structure;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The elements H (Z=1) to Lr (Z=103), loaded once from the bundled {@code elements.tsv}. */
public final class PeriodicTable {
  private static final String RESOURCE = "/tomo/materials/elements.tsv";
  private static final List<Element> BY_Z; // index z - 1
  private static final Map<String, Element> BY_SYMBOL;

  static {
    List<Element> elements = load();
    BY_Z = Collections.unmodifiableList(elements);
    Map<String, Element> bySymbol = new HashMap<>();
    for (Element e : elements) {
      bySymbol.put(e.symbol(), e);
    }
    BY_SYMBOL = Collections.unmodifiableMap(bySymbol);
  }

  private PeriodicTable() {}

  /** All elements in order of atomic number. */
  public static List<Element> elements() {
    return BY_Z;
  }

  /** The largest atomic number known. */
  public static int maxZ() {
    return BY_Z.size();
  }

  /** The element with this exact symbol (case-sensitive, e.g. "Fe"), if known. */
  public static Optional<Element> bySymbol(String symbol) {
    return Optional.ofNullable(BY_SYMBOL.get(symbol));
  }

  private static List<Element> load() {
    try (InputStream in = PeriodicTable.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String header = reader.readLine();
      if (header == null || !header.startsWith("z\tsymbol")) {
        throw new IllegalStateException(RESOURCE + ": unexpected header " + header);
      }
      List<Element> elements = new ArrayList<>();
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        String[] f = line.split("\t", -1);
        elements.add(
            new Element(
                Integer.parseInt(f[0]),
                f[1],
                f[2],
                Double.parseDouble(f[3]),
                f[4].isEmpty() ? 0 : Integer.parseInt(f[4]),
                Integer.parseInt(f[5]),
                f[6].charAt(0),
                number(f[7]),
                number(f[8]),
                Integer.parseInt(f[9]),
                number(f[10]),
                number(f[11]),
                number(f[12])));
        if (elements.get(elements.size() - 1).z() != elements.size()) {
          throw new IllegalStateException(RESOURCE + ": rows must be ordered by Z, at " + line);
        }
      }
      return elements;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static double number(String field) {
    return field.isEmpty() ? Double.NaN : Double.parseDouble(field);
  }
}
