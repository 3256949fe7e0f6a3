package org.epicenter.alert;

import java.time.Instant;
import java.util.List;

/**
 * One thing worth telling: a common cause (a provider and the services that failed with it) or an
 * incident with no known cause.
 *
 * @param group      stable id: {@code cause:<provider>@<start>} or {@code incident:<service>@<start>}
 * @param provider   the cause's provider; null for a lone incident
 * @param services   what failed: the cause's dependents (and the provider itself), or the one service
 * @param categories the categories of those services
 * @param confidence the cause's confidence; 0 for a lone incident
 * @param maintenance the incident overlaps announced maintenance
 * @param inhibitedBy for an incident attributed to a cause: that cause's group (its alert says it all)
 */
public record Alert(
        String group,
        String provider,
        List<String> services,
        List<String> categories,
        List<String> countries,
        Instant start,
        Instant confirmed,
        Instant end,
        String title,
        String text,
        double confidence,
        boolean maintenance,
        String inhibitedBy) {
    public Alert {
        services = List.copyOf(services);
        categories = List.copyOf(categories);
        countries = List.copyOf(countries);
    }
}
