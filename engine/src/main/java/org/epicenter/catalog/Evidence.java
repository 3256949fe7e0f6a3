package org.epicenter.catalog;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How well a dependency edge is grounded. The default catalog never invents edges: each one is
 * either stated by an operator (confirmed), documented by press coverage of an outage that hit
 * both (reported), or plausible but unverified (uncertain).
 */
public enum Evidence {
    CONFIRMED,
    REPORTED,
    UNCERTAIN;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Evidence fromWire(String value) {
        for (Evidence e : values()) {
            if (e.wireName().equals(value)) {
                return e;
            }
        }
        throw new IllegalArgumentException(
                "unknown evidence \"" + value + "\" (expected confirmed, reported or uncertain)");
    }
}
