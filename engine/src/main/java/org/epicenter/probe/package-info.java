/** Probe results and their verdicts: the board of checks per location, outages the probes see. */
package org.epicenter.probe;
