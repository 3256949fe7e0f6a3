package org.epicenter.detect;

import java.time.Instant;

/**
 * What names one incident among all: its service and start, and for a regional one its main
 * country (a service can have regional incidents in two countries from the same minute).
 * {@link #toString} is the wire form, {@code service@start[@country]}.
 */
public record IncidentKey(String service, Instant start, String country) {
    public static IncidentKey of(DetectedIncident i) {
        return new IncidentKey(
                i.service(),
                i.start(),
                i.scope() == Scope.REGIONAL && !i.countries().isEmpty()
                        ? i.countries().get(0)
                        : null);
    }

    @Override
    public String toString() {
        return service + "@" + start + (country == null ? "" : "@" + country);
    }
}
