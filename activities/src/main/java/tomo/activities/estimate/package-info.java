/**
 * What a sweep costs before it runs ({@code tomo sweep estimate}): its workload in trainings,
 * crystals and atoms as the trainer selects them, what the artifact store already holds, and a
 * throughput measured from stored trainings or a short calibration training here. Imports
 * tomo.workflows.model and .sweep (the training plan), tomo.activities.store, tomo.materials and
 * tomo.cgcnn; no Temporal API.
 */
package tomo.activities.estimate;
