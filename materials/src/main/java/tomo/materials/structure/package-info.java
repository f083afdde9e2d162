/**
 * The crystal model: immutable {@link tomo.materials.structure.Structure}, {@link
 * tomo.materials.structure.Lattice} (Cartesian Å), {@link tomo.materials.structure.Site}, {@link
 * tomo.materials.structure.Composition} and the bundled {@link
 * tomo.materials.structure.PeriodicTable}. The bottom of the module: it imports the JDK only, no
 * other tomo package and no file format.
 */
package tomo.materials.structure;
