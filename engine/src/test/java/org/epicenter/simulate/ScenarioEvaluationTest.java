package org.epicenter.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import org.epicenter.detect.ReportReplay;
import org.junit.jupiter.api.Test;

/**
 * Detection quality as a regression test: one seed of each built-in scenario, replayed through the
 * detector exactly as {@code epicenter evaluate} does (the benchmark runs more seeds).
 */
class ScenarioEvaluationTest {
    private static Evaluation.Result run(String name, long seed) {
        System.out.println("ScenarioEvaluationTest " + name + " seed " + seed);
        Scenario s = Scenarios.named(name, seed);
        var replay = new ReportReplay(Duration.ofMinutes(30));
        Simulator.generate(
                s,
                seed,
                r -> replay.accept(
                        r.timestamp(),
                        r.service(),
                        r.country().isEmpty() ? "ZZ" : r.country(),
                        r.problem(),
                        r.reporter()));
        return Evaluation.score(s, replay.finish());
    }

    @Test
    void aWeekOfRealOutageShapesIsFoundQuicklyWithoutFalseAlarms() {
        Evaluation.Result r = run("mixed", 1);
        assertThat(r.outages())
                .isEqualTo(24); // including WhatsApp down in Egypt only, a niche service and one country at night
        assertThat(r.missed()).isEmpty();
        assertThat(r.falseOnes()).isEmpty();
        var delays = new ArrayList<>(r.delays());
        delays.sort(null);
        assertThat(delays.get(delays.size() / 2))
                .as("median seconds from onset to confirmed")
                .isLessThanOrEqualTo(180);
    }

    @Test
    void decoysAloneRaiseNoIncident() {
        Evaluation.Result r = run("quiet", 1);
        assertThat(r.falseOnes()).isEmpty();
    }

    @Test
    void theSameSeedGivesTheSameStream() {
        var a = new ArrayList<Simulator.Row>();
        var b = new ArrayList<Simulator.Row>();
        Scenario s = new Scenario(
                "short",
                Scenarios.named("mixed", 7).start(),
                1,
                Scenarios.services().subList(0, 3),
                java.util.List.of(),
                java.util.List.of());
        Simulator.generate(s, 7, a::add);
        Simulator.generate(s, 7, b::add);
        assertThat(a).isNotEmpty().isEqualTo(b);
        assertThat(a).isSortedAccordingTo(java.util.Comparator.comparing(Simulator.Row::timestamp));
    }
}
