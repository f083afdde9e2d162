/**
 * The activities module: implementations of the activity interfaces of tomo.workflows and the work
 * they do, which touches disk, network, GPU and the ML engine (training, data preparation, the
 * artifact store, reports, Airflow hooks, cost estimates). It imports tomo.workflows,
 * tomo.materials and tomo.cgcnn, never tomo.workers; workers wires it.
 */
package tomo.activities;
