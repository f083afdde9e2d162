/**
 * Crystals as CGCNN graphs: neighbour search over periodic images, node features, Gaussian edge
 * expansion, {@link tomo.materials.graph.CrystalGraphBuilder} under one {@link
 * tomo.materials.graph.GraphSettings}, and the memory-mapped {@link
 * tomo.materials.graph.GraphCache} file that every training of a dataset shares. Imports
 * tomo.materials.structure and .dataset and SLF4J; no ML engine, no other tomo module.
 */
package tomo.materials.graph;
