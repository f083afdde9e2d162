/**
 * The material properties tomo trains on or adds as inputs ({@link
 * tomo.materials.property.PropertyRegistry}: name, kind, unit) and the rules that derive missing
 * values from a structure (crystal system, GGA+U, oxide type; {@link
 * tomo.materials.property.PropertyDerivation}). Imports tomo.materials.structure and the JDK only.
 */
package tomo.materials.property;
