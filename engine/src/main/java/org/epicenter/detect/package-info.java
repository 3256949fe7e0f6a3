/** Detection: the seasonal baseline, Poisson evidence, the incident tracker, and the general metric detector of {@code epicenter nab}. */
package org.epicenter.detect;
