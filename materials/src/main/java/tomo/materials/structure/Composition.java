package tomo.materials.structure;

import java.util.Collections;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Number of atoms per element in one cell, ordered by atomic number.
 *
 * @param atomsPerCell atoms of each element in the cell
 */
public record Composition(Map<Element, Integer> atomsPerCell) {
  private static final Comparator<Element> BY_Z = Comparator.comparingInt(Element::z);

  public Composition {
    TreeMap<Element, Integer> copy = new TreeMap<>(BY_Z);
    copy.putAll(atomsPerCell);
    atomsPerCell = Collections.unmodifiableMap(copy);
  }

  /** Whether the cell holds at least one atom of {@code element}. */
  public boolean contains(Element element) {
    return atomsPerCell.containsKey(element);
  }

  /** Whether the cell holds a single element. */
  public boolean isElement() {
    return atomsPerCell.size() == 1;
  }

  /** Atoms of {@code element} in the cell (0 when absent). */
  public int count(Element element) {
    return atomsPerCell.getOrDefault(element, 0);
  }

  /** Mass of the cell's atoms in atomic mass units. */
  public double massAmu() {
    double mass = 0;
    for (Map.Entry<Element, Integer> e : atomsPerCell.entrySet()) {
      mass += e.getKey().massAmu() * e.getValue();
    }
    return mass;
  }

  /** Formula of the cell, elements by atomic number, e.g. "Li2 O1" becomes "Li2O". */
  public String formula() {
    StringBuilder sb = new StringBuilder();
    atomsPerCell.forEach(
        (element, n) -> sb.append(element.symbol()).append(n == 1 ? "" : Integer.toString(n)));
    return sb.toString();
  }

  @Override
  public String toString() {
    return formula();
  }
}
