package org.epicenter.alert;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * Alerts about these services or providers are recorded but not sent between {@code from} and
 * {@code until} (planned work, a known issue).
 */
public record Silence(
        @JsonProperty(required = true) String id,
        List<String> services,
        List<String> providers,
        @JsonProperty(required = true) Instant from,
        @JsonProperty(required = true) Instant until,
        String comment) {
    public Silence {
        if (id == null || !id.matches("[a-z0-9]+(?:-[a-z0-9]+)*") || id.length() > 64) {
            throw new IllegalArgumentException("id: a lowercase slug of at most 64 characters is required");
        }
        // (an immutable list's contains(null) throws: look at each element)
        if (services != null && services.stream().anyMatch(java.util.Objects::isNull)
                || providers != null && providers.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("services and providers: ids, not null");
        }
        services = services == null ? List.of() : List.copyOf(services);
        providers = providers == null ? List.of() : List.copyOf(providers);
        if (services.isEmpty() && providers.isEmpty()) {
            throw new IllegalArgumentException("services or providers: a silence must name what it silences");
        }
        if (from == null || until == null || !until.isAfter(from)) {
            throw new IllegalArgumentException("from and until: both required, until after from");
        }
        if (from.isBefore(EARLIEST) || until.isAfter(LATEST)) {
            throw new IllegalArgumentException(
                    "from and until: between " + EARLIEST + " and " + LATEST + ", got " + from + " to " + until);
        }
        if (comment != null && comment.length() > 500) {
            throw new IllegalArgumentException("comment: at most 500 characters");
        }
    }

    /** The range a silence may name: stored as milliseconds, and no silence outlives the year 9999. */
    public static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");

    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    public boolean covers(Alert alert, Instant at) {
        return !at.isBefore(from)
                && at.isBefore(until)
                && (alert.services().stream().anyMatch(services::contains)
                        || alert.provider() != null && providers.contains(alert.provider()));
    }
}
