/** The shared path of every report: validation, the reporter hash, the dedup window, live counts. */
package org.epicenter.ingest;
