package org.epicenter.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code epicenter detect} on generated CSV files (seed printed for replay). */
class DetectCommandTest {
    private static final long SEED = 20251020L;
    private static final Instant T0 = Instant.parse("2025-10-18T00:00:00Z");

    @TempDir
    Path dir;

    /** Two days of venmo at ~5 reports a minute; from day 2 06:48 for 40 minutes, ~100 a minute, each sent twice. */
    private Path generate() throws Exception {
        System.out.println("DetectCommandTest seed " + SEED);
        var random = new Random(SEED);
        var csv = new StringBuilder("timestamp,service,country,problem,reporter\n");
        long outageFrom = 1440 + 408;
        long id = 0;
        for (long m = 0; m < 2 * 1440; m++) {
            boolean outage = m >= outageFrom && m < outageFrom + 40;
            int n = outage ? 95 + random.nextInt(10) : random.nextInt(11);
            for (int i = 0; i < n; i++) {
                String t = T0.plusSeconds(m * 60 + i * 60L / n).toString();
                String line = t + ",venmo," + (outage ? "US" : "") + "," + (outage ? "payments" : "app") + ",r" + (id++)
                        + "\n";
                csv.append(line);
                if (outage) {
                    csv.append(line); // the same reporter again: not counted
                }
            }
        }
        Path file = dir.resolve("reports.csv");
        Files.writeString(file, csv);
        return file;
    }

    @Test
    void findsTheOutageInAReplayedFile() throws Exception {
        Path out = dir.resolve("incidents.json");
        CommandRun r = CommandRun.of("detect", "--reports", generate().toString(), "--out", out.toString());
        assertThat(r.exit()).as(r.output()).isZero();
        JsonNode incidents = new ObjectMapper().readTree(out.toFile()).path("incidents");
        assertThat(incidents.size()).as(incidents.toString()).isEqualTo(1);
        JsonNode i = incidents.get(0);
        assertThat(i.path("service").asText()).isEqualTo("venmo");
        assertThat(i.path("start").asText()).isEqualTo("2025-10-19T06:48:00Z");
        assertThat(Instant.parse(i.path("confirmed").asText()))
                .isBetween(Instant.parse("2025-10-19T06:48:00Z"), Instant.parse("2025-10-19T06:50:00Z"));
        assertThat(i.path("end").asText()).isEqualTo("2025-10-19T07:28:00Z");
        assertThat(i.path("peakPerMinute").asLong())
                .as("repeats by the same reporter are not counted")
                .isBetween(95L, 104L);
        assertThat(i.path("countries").get(0).asText()).isEqualTo("US");
        assertThat(i.path("problems").path("payments").asLong()).isGreaterThan(3000);
        assertThat(r.output()).contains("incidents written to");
        assertThat(i.has("epicenter"))
                .as("present, null: one service alone has no known cause")
                .isTrue();
        assertThat(i.path("epicenter").isNull()).isTrue();
        assertThat(new ObjectMapper().readTree(out.toFile()).path("causes")).isEmpty();
    }

    @Test
    void theSimulatedWeeksCascadesNameTheirEpicenterAndItsCoincidencesStayApart() throws Exception {
        Path csv = dir.resolve("week.csv");
        Path truth = dir.resolve("truth.json");
        Path out = dir.resolve("incidents.json");
        CommandRun sim = CommandRun.of(
                "simulate", "--scenario", "mixed", "--seed", "3", "--out", csv.toString(), "--truth", truth.toString());
        assertThat(sim.exit()).as(sim.output()).isZero();
        CommandRun r = CommandRun.of("detect", "--reports", csv.toString(), "--out", out.toString());
        assertThat(r.exit()).as(r.output()).isZero();
        JsonNode doc = new ObjectMapper().readTree(out.toFile());
        assertThat(doc.path("causes"))
                .extracting(c -> c.path("provider").asText())
                .containsExactly("meta-network", "cloudflare", "aws-us-east-1");
        assertThat(doc.path("causes").get(1).path("explanation").asText())
                .contains("monitored services that depend on Cloudflare failed");
        var byService = new java.util.HashMap<String, java.util.List<String>>();
        for (JsonNode i : doc.path("incidents")) {
            if (!i.path("confirmed").isNull()) {
                byService
                        .computeIfAbsent(i.path("service").asText(), k -> new java.util.ArrayList<>())
                        .add(
                                i.path("epicenter").isNull()
                                        ? "none"
                                        : i.path("epicenter").path("provider").asText());
                if (!i.path("epicenter").isNull()) {
                    assertThat(i.path("epicenter").path("confidence").asDouble())
                            .isBetween(0.5, 0.99);
                }
            }
        }
        assertThat(byService.get("chatgpt")).contains("cloudflare");
        assertThat(byService.get("messenger")).containsOnly("meta-network");
        assertThat(byService.get("venmo")).contains("aws-us-east-1");
        // Azure Central US and CrowdStrike, hours apart and without a shared upstream: each stands alone
        assertThat(byService.get("microsoft-365")).containsOnly("none");
        assertThat(byService.get("delta")).containsOnly("none");
        assertThat(byService.get("x")).as("the X bursts alone, then Cloudflare").contains("none", "cloudflare");
    }

    @Test
    void aMalformedLineStopsTheRunNamingItsLine() throws Exception {
        Path out = dir.resolve("incidents.json");
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, """
                timestamp,service,country,problem
                2025-11-18T11:21:07Z,x,SA,app
                2025-11-18T11:21:09Z,chatgpt,,login
                2025-11-18T11:21:08Z,x,SA,app
                """);
        CommandRun r = CommandRun.of("detect", "--reports", csv.toString(), "--out", out.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.output())
                .contains(
                        csv + ":4: timestamp 2025-11-18T11:21:08Z is before the previous line's 2025-11-18T11:21:09Z");
        assertThat(out).doesNotExist();

        for (String[] c : new String[][] {
            {"2025-11-18 11:21:07,x,SA,app", ":2: timestamp \"2025-11-18 11:21:07\" is not ISO-8601"},
            {"2025-11-18T11:21:07Z,X Corp,SA,app", ":2: service \"X Corp\" is not a lowercase slug"},
            {"2025-11-18T11:21:07Z,x,KSA,app", ":2: country \"KSA\" is not empty or an ISO 3166-1 alpha-2 code"},
            {"2025-11-18T11:21:07Z,x,SA,crash", ":2: problem \"crash\" is not one of app, login"},
            {"2025-11-18T11:21:07Z,x,SA", ":2: expected 4 fields, got 3"}
        }) {
            Files.writeString(csv, "timestamp,service,country,problem\n" + c[0] + "\n");
            CommandRun bad = CommandRun.of("detect", "--reports", csv.toString(), "--out", out.toString());
            assertThat(bad.exit()).isEqualTo(2);
            assertThat(bad.output()).contains(csv + c[1]);
        }
        Files.writeString(csv, "time,service\n");
        assertThat(CommandRun.of("detect", "--reports", csv.toString(), "--out", out.toString())
                        .output())
                .contains(":1: header must be");
        assertThat(CommandRun.of("detect", "--reports", dir.resolve("none.csv").toString(), "--out", out.toString())
                        .output())
                .contains("file not found");
    }
}
