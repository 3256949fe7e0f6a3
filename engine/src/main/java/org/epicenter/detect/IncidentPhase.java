package org.epicenter.detect;

/** Where an incident is in its life. Only confirmed incidents are shown as outages. */
public enum IncidentPhase {
    /** Evidence appeared; not yet sure. Dropped silently if it fades. */
    SUSPECTED,
    /** Sustained or strong evidence: an outage. */
    CONFIRMED,
    /** Evidence has gone quiet; resolved if it stays quiet, confirmed again if it returns. */
    RECOVERING,
    /** Over. */
    RESOLVED
}
