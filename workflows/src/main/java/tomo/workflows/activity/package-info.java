/**
 * The activity interfaces the sweep workflows call (prepare, train, report): the contract that
 * tomo.activities implements. Imports tomo.workflows.model and Temporal's activity annotations
 * only.
 */
package tomo.workflows.activity;
