package org.epicenter.fuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.epicenter.detect.DetectedIncident;
import org.junit.jupiter.api.Test;

class FusionTest {
    static final Instant T = Instant.parse("2025-11-18T11:20:00Z");

    static DetectedIncident incident(String service, int fromMinute, Integer toMinute, boolean confirmed) {
        return new DetectedIncident(
                service,
                T.plusSeconds(60L * fromMinute),
                confirmed ? T.plusSeconds(60L * fromMinute + 120) : null,
                toMinute == null ? null : T.plusSeconds(60L * toMinute),
                T.plusSeconds(60L * fromMinute),
                40,
                2,
                List.of("SA"),
                org.epicenter.detect.Scope.GLOBAL,
                Map.of(),
                "test",
                null);
    }

    private static List<String> found(List<Fusion.Fused> fused) {
        return fused.stream()
                .map(f -> f.incident().service() + ":" + f.foundBy().wireName())
                .toList();
    }

    @Test
    void reportIncidentsStandAndTheOtherSignalsOnlyWhereTheyFoundSomethingNew() {
        var reported = List.of(incident("x", 0, 30, true));
        var probes = List.of(incident("x", 5, 25, true), incident("bank", 0, 10, true));
        var official =
                List.of(incident("x", 10, null, true), incident("bank", 5, 8, true), incident("shop", 0, null, true));
        assertThat(found(Fusion.fuse(reported, List.of(), probes, official)))
                .as(
                        "x by reports (probes and page support it), bank by probes (the page supports it), shop by its page alone")
                .containsExactly("x:reports", "bank:probes", "shop:official");
    }

    @Test
    void anOfficialOutageConfirmsARisingSuspicionAtTheLaterOfTheTwo() {
        var suspicion = incident("x", 10, null, false);
        var fused = Fusion.fuse(List.of(), List.of(suspicion), List.of(), List.of(incident("x", 12, null, true)));
        assertThat(found(fused)).containsExactly("x:reports");
        assertThat(fused.get(0).incident().confirmed()).isEqualTo(T.plusSeconds(12 * 60));
        assertThat(fused.get(0).incident().evidence()).endsWith("confirmed by the official status page");
        var earlyPost = Fusion.fuse(List.of(), List.of(suspicion), List.of(), List.of(incident("x", 3, null, true)));
        assertThat(earlyPost.get(0).incident().confirmed())
                .as("never before the suspicion began")
                .isEqualTo(suspicion.start());
    }

    @Test
    void overlapIsPerServiceAndInTime() {
        var reported = List.of(incident("x", 0, 10, true));
        var probes = List.of(incident("x", 10, 20, true), incident("y", 0, 10, true));
        assertThat(found(Fusion.fuse(reported, List.of(), probes, List.of())))
                .as("x's probe outage starts as the reports end: no overlap; y is another service")
                .containsExactly("x:reports", "x:probes", "y:probes");
        assertThat(Fusion.fuse(List.of(), List.of(incident("x", 0, null, false)), List.of(), List.of()))
                .as("a suspicion alone is no incident")
                .isEmpty();
    }

    @Test
    void anIncidentGivenTwiceIsListedOnce() {
        var posted = incident("shop", 0, null, true); // one official incident read from two feeds of the entry
        assertThat(found(
                        Fusion.fuse(List.of(), List.of(), List.of(), List.of(posted, incident("shop", 0, null, true)))))
                .containsExactly("shop:official");
    }
}
