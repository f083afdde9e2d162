/**
 * The artifact store: a directory (a shared filesystem in a cluster) of finished trainings keyed by
 * the content hash of everything that changes their result, with their learning curves, checkpoints
 * and reports. Imports tomo.workflows.model and Jackson only.
 */
package tomo.activities.store;
