package org.epicenter.report;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A post-incident report of an incident or a cause, as data ({@link #toMarkdown()} renders it).
 *
 * @param subject      "incident" or "cause"
 * @param id           the service (incident) or provider (cause)
 * @param timeline     first signal, detection, official acknowledgement, peak, mitigation, resolution, oldest first
 * @param services     affected services: the incident's, or the cause's dependents (and the provider when it had trouble)
 * @param reports      reports counted during it
 * @param problems     reports by problem type
 * @param evidence     the evidence in words (detector, probes, official page, correlation)
 */
public record PostIncidentReport(
        String subject,
        String id,
        String name,
        Instant start,
        Instant end,
        List<Event> timeline,
        List<String> services,
        List<String> countries,
        long reports,
        Map<String, Long> problems,
        List<String> signals,
        List<String> evidence) {
    /** One moment of the timeline. */
    public record Event(Instant at, String what, String detail) {}

    public PostIncidentReport {
        timeline = timeline.stream()
                .filter(e -> e.at() != null)
                .sorted(Comparator.comparing(Event::at))
                .toList();
        services = List.copyOf(services);
        countries = List.copyOf(countries);
        problems = Map.copyOf(problems);
        signals = List.copyOf(signals);
        evidence = List.copyOf(evidence);
    }

    private static final DateTimeFormatter T =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** The duration, or null while it goes on. */
    public Duration duration() {
        return end == null ? null : Duration.between(start, end);
    }

    public String toMarkdown() {
        var s = new StringBuilder();
        s.append("# Post-incident report: ")
                .append(name)
                .append(subject.equals("cause") ? " (common cause)" : "")
                .append("\n\n");
        s.append("- **Started:** ").append(T.format(start)).append(" UTC\n");
        s.append("- **Ended:** ")
                .append(end == null ? "ongoing" : T.format(end) + " UTC (" + minutes(duration()) + ")")
                .append("\n");
        if (!services.isEmpty()) {
            s.append("- **Affected services:** ")
                    .append(String.join(", ", services))
                    .append("\n");
        }
        if (!countries.isEmpty()) {
            s.append("- **Countries:** ").append(String.join(", ", countries)).append("\n");
        }
        s.append("- **Reports:** ").append(reports).append("\n");
        if (!signals.isEmpty()) {
            s.append("- **Signals:** ").append(String.join(", ", signals)).append("\n");
        }
        s.append("\n## Timeline (UTC)\n\n| time | event | detail |\n|---|---|---|\n");
        for (Event e : timeline) {
            s.append("| ")
                    .append(T.format(e.at()))
                    .append(" | ")
                    .append(e.what())
                    .append(" | ")
                    .append(
                            e.detail() == null
                                    ? ""
                                    : e.detail().replace("|", "\\|").replace("\n", " "))
                    .append(" |\n");
        }
        if (!problems.isEmpty()) {
            s.append("\n## What people reported\n\n| problem | reports |\n|---|---|\n");
            problems.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(p -> s.append("| ")
                            .append(p.getKey())
                            .append(" | ")
                            .append(p.getValue())
                            .append(" |\n"));
        }
        if (!evidence.isEmpty()) {
            s.append("\n## Evidence\n\n");
            evidence.forEach(e -> s.append("- ").append(e.replace("\n", " ")).append("\n"));
        }
        return s.toString();
    }

    private static String minutes(Duration d) {
        long m = d.toMinutes();
        return m < 60 ? m + " min" : m / 60 + " h " + m % 60 + " min";
    }

    /** A timeline builder that skips what is unknown. */
    public static final class Timeline {
        private final List<Event> events = new ArrayList<>();

        public Timeline add(Instant at, String what, String detail) {
            if (at != null) {
                events.add(new Event(at, what, detail));
            }
            return this;
        }

        public List<Event> events() {
            return events;
        }
    }
}
