package org.epicenter.server.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimestampsTest {
    @Test
    void theFastPathAgreesWithInstantParse() {
        long seed = 4242;
        System.out.println("TimestampsTest seed " + seed);
        var random = new Random(seed);
        for (int i = 0; i < 20_000; i++) {
            Instant t = Instant.ofEpochMilli(random.nextLong(0, 4_102_444_800_000L));
            Instant whole = Instant.ofEpochSecond(t.getEpochSecond());
            assertThat(Timestamps.parse(whole.toString())).isEqualTo(whole);
            assertThat(Timestamps.parse(t.toString())).isEqualTo(Instant.parse(t.toString()));
        }
    }

    @Test
    void otherIsoFormsStillParseAndNonsenseIsRefused() {
        assertThat(Timestamps.parse("2025-11-18T11:21:07.123456Z"))
                .isEqualTo(Instant.parse("2025-11-18T11:21:07.123456Z"));
        assertThat(Timestamps.parse("2025-11-18T14:21:07+03:00")).isEqualTo(Instant.parse("2025-11-18T11:21:07Z"));
        assertThat(Timestamps.parse("2025-02-30T11:21:07Z")).isNull();
        assertThat(Timestamps.parse("2025-11-18T24:21:07Z")).isNull();
        assertThat(Timestamps.parse("2025-11-18 11:21:07")).isNull();
        assertThat(Timestamps.parse("yesterday")).isNull();
    }

    @Test
    void slugsFollowTheCatalogRule() {
        assertThat(ReportCsv.isSlug("aws-us-east-1")).isTrue();
        assertThat(ReportCsv.isSlug("X")).isFalse();
        assertThat(ReportCsv.isSlug("-x")).isFalse();
        assertThat(ReportCsv.isSlug("x-")).isFalse();
        assertThat(ReportCsv.isSlug("a--b")).isFalse();
        assertThat(ReportCsv.isSlug("a".repeat(65))).isFalse();
        assertThat(ReportCsv.isSlug("")).isFalse();
    }
}
