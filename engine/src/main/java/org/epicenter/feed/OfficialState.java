package org.epicenter.feed;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What an official status page says of a component, normalised across formats; worst last. */
public enum OfficialState {
    OPERATIONAL,
    MAINTENANCE,
    DEGRADED,
    PARTIAL_OUTAGE,
    MAJOR_OUTAGE;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The worse of two states (maintenance is worse than operational, better than any trouble). */
    public OfficialState worse(OfficialState other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
