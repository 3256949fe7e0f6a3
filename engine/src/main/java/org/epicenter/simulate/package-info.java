/** Simulated weeks of reports with outages of known shape, and the evaluation that scores detection on them. */
package org.epicenter.simulate;
