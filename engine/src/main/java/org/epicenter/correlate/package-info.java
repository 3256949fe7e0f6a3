/** The epicenter: clusters of incidents that began together, scored against chance, attributed to a common upstream cause. */
package org.epicenter.correlate;
