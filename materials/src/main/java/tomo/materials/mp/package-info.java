/**
 * Materials Project ingestion: a client for the Materials Project's REST API (materials summary
 * endpoint) and a resumable pull into the dataset CSV layout the sweeps read.
 */
package tomo.materials.mp;
