package tomo.materials.structure;

/**
 * A chemical element with the data tomo's node features and derived properties use.
 *
 * <p>Values come from {@code elements.tsv} (generated from the mendeleev library, see ELEMENTS.md
 * in the same resource folder). A {@code double} the source lacks is {@link Double#NaN}; an element
 * without an IUPAC group (lanthanides after La, actinides after Ac) has {@code group == 0}.
 *
 * @param z atomic number
 * @param symbol chemical symbol, e.g. "Fe"
 * @param name English name
 * @param massAmu standard atomic weight in atomic mass units (g/mol)
 * @param group IUPAC group 1–18, or 0 when none is assigned
 * @param period period 1–7
 * @param block s, p, d or f
 * @param electronegativityPauling Pauling electronegativity
 * @param covalentRadiusAngstrom single-bond covalent radius (Pyykkö) in Å
 * @param valenceElectrons number of valence electrons
 * @param firstIonizationEnergyEv first ionization energy in eV
 * @param electronAffinityEv electron affinity in eV
 * @param atomicVolumeCm3PerMol atomic volume in cm³/mol
 */
public record Element(
    int z,
    String symbol,
    String name,
    double massAmu,
    int group,
    int period,
    char block,
    double electronegativityPauling,
    double covalentRadiusAngstrom,
    int valenceElectrons,
    double firstIonizationEnergyEv,
    double electronAffinityEv,
    double atomicVolumeCm3PerMol) {

  @Override
  public String toString() {
    return symbol;
  }
}
