/** Implementations of the activities the sweep workflows call. */
package tomo.activities;
