package org.epicenter.detect;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How far an incident reaches: {@code regional} when two countries or fewer hold 80% of its located
 * reports, else {@code global} (also for probe and official-page incidents, which have no countries).
 */
public enum Scope {
    GLOBAL,
    REGIONAL;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return wireName();
    }
}
