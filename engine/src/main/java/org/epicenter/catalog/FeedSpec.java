package org.epicenter.catalog;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.List;

/**
 * An official status feed of a catalog entry, as written in the catalog YAML.
 *
 * <p>{@code components} picks what on the page is this entry: names matched without regard to case
 * against the page's components (Statuspage, Instatus, Better Stack), or against the products and
 * locations an incident names (Google Cloud), or found in an item's title (RSS and Atom: "Central US"
 * in Azure's feed). Empty means the whole feed is this entry. Several entries may read one URL with
 * different components; it is fetched once. Defaults: interval 2m (at least 30s), timeout 10s.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FeedSpec(
        @JsonProperty(required = true) String url,
        @JsonProperty(required = true) FeedFormat format,
        List<String> components,
        String interval,
        String timeout) {

    public FeedSpec {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("feed: missing required field \"url\"");
        }
        if (format == null) {
            throw new IllegalArgumentException("feed " + url + ": missing required field \"format\"");
        }
        String where = "feed " + url + ": ";
        ProbeSpec.url(where, url);
        if (components != null) {
            if (components.size() > 50
                    || components.stream().anyMatch(c -> c == null || c.isBlank() || c.length() > 200)) {
                throw new IllegalArgumentException(where + "components must hold at most 50 names of 1-200 characters");
            }
            components = List.copyOf(components);
        }
        Duration every = ProbeSpec.duration(where, "interval", interval, Duration.ofMinutes(2));
        Duration wait = ProbeSpec.duration(where, "timeout", timeout, Duration.ofSeconds(10));
        if (every.compareTo(Duration.ofSeconds(30)) < 0 || every.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException(where + "interval must be 30s-1d, got " + interval);
        }
        if (wait.compareTo(Duration.ofMillis(100)) < 0
                || wait.compareTo(every) > 0
                || wait.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException(
                    where + "timeout must be 100ms-1m and no longer than the interval, got " + timeout);
        }
    }

    @JsonIgnore
    public Duration every() {
        return ProbeSpec.duration("", "interval", interval, Duration.ofMinutes(2));
    }

    @JsonIgnore
    public Duration deadline() {
        return ProbeSpec.duration("", "timeout", timeout, Duration.ofSeconds(10));
    }

    /** The component names, or empty for the whole feed. */
    @JsonIgnore
    public List<String> picks() {
        return components == null ? List.of() : components;
    }
}
