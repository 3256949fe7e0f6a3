/** One running Epicenter: the wiring, the tick, live detection, probes, feeds, the incident book and events. */
package org.epicenter.server;
