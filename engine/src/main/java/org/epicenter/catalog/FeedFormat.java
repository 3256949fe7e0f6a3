package org.epicenter.catalog;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The shape of an official feed: Atlassian Statuspage v2 {@code summary.json} (incident.io serves the
 * same), Instatus {@code summary.json}, Better Stack {@code index.json}, RSS or Atom (AWS Health
 * Dashboard, Azure status, many others), and Google Cloud's {@code incidents.json}.
 */
public enum FeedFormat {
    STATUSPAGE,
    INSTATUS,
    BETTERSTACK,
    RSS,
    GOOGLE_CLOUD;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @JsonCreator
    public static FeedFormat fromWire(String value) {
        for (FeedFormat f : values()) {
            if (f.wireName().equals(value)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown feed format \"" + value + "\" (expected "
                + Arrays.stream(values()).map(FeedFormat::wireName).collect(Collectors.joining(", ")) + ")");
    }
}
