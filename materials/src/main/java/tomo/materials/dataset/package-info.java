/**
 * Reading a materials dataset file (the paper's {@code materials_project.csv} layout: {@code
 * material_id}, property columns, a CIF per row) into validated rows, with bad rows skipped or
 * refused by row and field, seeded row samples, column checks from the header alone, summaries, and
 * where the file is found. Imports tomo.materials.structure, .cif and .property, FastCSV and SLF4J;
 * no other tomo module.
 */
package tomo.materials.dataset;
