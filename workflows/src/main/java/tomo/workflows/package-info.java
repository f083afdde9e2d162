/**
 * Temporal workflows of a tomo sweep, the activity interfaces they call and their message records.
 */
package tomo.workflows;
