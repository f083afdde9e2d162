/**
 * The artifact store: a directory (a shared filesystem in a cluster) of finished trainings keyed by
 * the content hash of everything that changes their result, with their learning curves, checkpoints
 * and reports; each training with the provenance of how it ran ({@link
 * tomo.activities.store.RunProvenance}). Imports tomo.workflows.model and Jackson only.
 */
package tomo.activities.store;
