/**
 * Materials Project ingestion for {@code tomo dataset pull-mp}: a client for the Materials
 * Project's REST API (materials summary endpoint, retried with backoff, the key never logged) and a
 * resumable pull into the dataset CSV layout the sweeps read, each row's CIF written by {@link
 * tomo.materials.cif.CifWriter}. Imports tomo.materials.structure and .cif, the JDK's HTTP client,
 * Jackson, FastCSV and SLF4J; no other tomo module.
 */
package tomo.materials.mp;
