/** The values everything else passes around: reports, problems, countries, minute counts. */
package org.epicenter.model;
