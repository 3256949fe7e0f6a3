package org.epicenter.fuse;

import java.util.Locale;

/** What found an incident, or supports it: the wire names are the lowercase constant names. */
public enum Signal {
    /** Crowd reports against the seasonal baseline. */
    REPORTS,
    /** Our probes, from one location or several. */
    PROBES,
    /** The service's official status page. */
    OFFICIAL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
