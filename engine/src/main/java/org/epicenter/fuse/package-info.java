/** Fusion of the signals (reports, probes, official pages) into one list of incidents. */
package org.epicenter.fuse;
