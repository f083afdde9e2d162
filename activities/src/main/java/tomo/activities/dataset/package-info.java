/**
 * How the activities read the dataset a sweep names: the one mapping from a sweep's {@link
 * tomo.workflows.model.RowSelection} (the rows its trainings see) to the dataset reader's options,
 * used alike by the prepare step, the training activities and the cost estimate, so the three can
 * never read different rows.
 */
package tomo.activities.dataset;
