/** Alerts as decisions without state: subscriptions, silences, and the planner that says what is due. */
package org.epicenter.alert;
