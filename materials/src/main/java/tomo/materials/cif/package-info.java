/**
 * CIF text to and from the crystal model: {@link tomo.materials.cif.CifReader} (CIF 1.1, asymmetric
 * units with their symmetry operations, errors naming line and tag) and {@link
 * tomo.materials.cif.CifWriter} (the P1 layout of the dataset's {@code cif} column). Nothing else
 * in tomo knows CIF. Imports tomo.materials.structure and the JDK only.
 */
package tomo.materials.cif;
