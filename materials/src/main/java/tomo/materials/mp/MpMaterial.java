package tomo.materials.mp;

import tomo.materials.structure.Structure;

/**
 * One material of the Materials Project's summary endpoint, in the units of the API. Missing
 * numbers are NaN.
 *
 * @param materialId e.g. mp-149
 * @param formationEnergyPerAtom eV/atom
 * @param bandGap eV
 * @param efermi eV
 * @param volume Å³ per cell
 * @param totalMagnetization μB per cell
 * @param spacegroupNumber 1–230, or 0 when absent
 * @param crystalSystem lower case (cubic, …), or null when absent
 * @param uncorrectedEnergyPerAtom eV/atom, the raw DFT energy (legacy {@code energy_per_atom})
 * @param energyAboveHull eV/atom
 * @param density g/cm³
 * @param structure the cell
 */
public record MpMaterial(
    String materialId,
    double formationEnergyPerAtom,
    double bandGap,
    double efermi,
    double volume,
    double totalMagnetization,
    int spacegroupNumber,
    String crystalSystem,
    double uncorrectedEnergyPerAtom,
    double energyAboveHull,
    double density,
    Structure structure) {}
