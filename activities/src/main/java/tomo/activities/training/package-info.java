/**
 * The training activity: {@link tomo.activities.training.TrainingActivitiesImpl} (memoized by
 * content hash, heartbeat per epoch, resume after a retry) over a {@link
 * tomo.activities.training.CellTrainer} (CGCNN, or the synthetic trainer that trains nothing), and
 * how a worker lays concurrent trainings onto its cores and GPUs. Imports tomo.workflows,
 * tomo.activities.store, tomo.materials, tomo.cgcnn, DJL's engine (devices only) and Temporal's
 * activity API.
 */
package tomo.activities.training;
