package org.epicenter.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.epicenter.model.Problem;
import org.epicenter.model.Report;
import org.junit.jupiter.api.Test;

/** The report log's records: what ingest writes the reader reads back, and anything else is refused with a reason. */
class ReportLogTest {
    private static final Instant T = Instant.parse("2025-11-18T11:20:00.123Z");

    @Test
    void aReportAndItsOlderReporterIdRoundTrip() {
        var r = new Report(T, "x", Problem.LOGIN, "SA", "abc123", true);
        var logged = ReportLog.decode(ReportLog.encode(r, List.of("0ff456")));
        assertThat(logged.report()).isEqualTo(new Report(T, "x", Problem.LOGIN, "SA", "abc123", false));
        assertThat(logged.reporterIds()).containsExactly("abc123", "0ff456");
    }

    @Test
    void hostileOrBrokenRecordsAreRefusedWithAReason() {
        for (String bad : List.of(
                "",
                "not json",
                "[]",
                "null",
                "{\"v\":2,\"t\":1,\"s\":\"x\",\"p\":\"login\",\"c\":\"SA\",\"r\":[\"a\"]}",
                "{\"v\":1,\"s\":\"x\",\"p\":\"login\",\"c\":\"SA\",\"r\":[\"a\"]}",
                "{\"v\":1,\"t\":\"soon\",\"s\":\"x\",\"p\":\"login\",\"c\":\"SA\",\"r\":[\"a\"]}",
                "{\"v\":1,\"t\":1,\"s\":\"x\",\"p\":\"dancing\",\"c\":\"SA\",\"r\":[\"a\"]}",
                "{\"v\":1,\"t\":1,\"s\":\"\",\"p\":\"login\",\"c\":\"SA\",\"r\":[\"a\"]}",
                "{\"v\":1,\"t\":1,\"s\":{\"$ne\":1},\"p\":\"login\",\"c\":\"SA\",\"r\":[\"a\"]}",
                "{\"v\":1,\"t\":1,\"s\":\"x\",\"p\":\"login\",\"c\":\"SA\",\"r\":[]}",
                "{\"v\":1,\"t\":1,\"s\":\"x\",\"p\":\"login\",\"c\":\"SA\",\"r\":[\"a\",\"b\",\"c\"]}",
                "{\"v\":1,\"t\":1,\"s\":\"x\",\"p\":\"login\",\"c\":\"SA\",\"r\":[7]}",
                "{\"v\":1,\"t\":1,\"s\":\"x\",\"p\":\"login\",\"c\":\"\\u0000\",\"r\":[\"a\"]}",
                "{\"v\":1,\"t\":1,\"s\":\"x\",\"p\":\"login\",\"c\":\"sa\",\"r\":[\"a\"]}",
                "{\"v\":1,\"t\":1,\"s\":\"X Y\",\"p\":\"login\",\"c\":\"SA\",\"r\":[\"a\"]}",
                "{\"v\":1,\"t\":1,\"s\":\"x\",\"p\":\"login\",\"c\":\"SA\",\"r\":[\"a\\u0000\"]}",
                "{\"v\":1,\"t\":1,\"s\":\"" + "x".repeat(300) + "\",\"p\":\"login\",\"c\":\"SA\",\"r\":[\"a\"]}")) {
            assertThatThrownBy(() -> ReportLog.decode(bad.getBytes(StandardCharsets.UTF_8)))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("report");
        }
        assertThatThrownBy(() -> ReportLog.decode(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReportLog.decode(new byte[10_000])).hasMessageContaining("10000 bytes");
    }

    @Test
    void settingsRefuseWhatKafkaWouldNot() {
        assertThatThrownBy(() -> new ClusterSettings("kafka", "t", 6, null)).hasMessageContaining("host:port");
        assertThatThrownBy(() -> new ClusterSettings("k:9092", "bad topic", 6, null))
                .hasMessageContaining("topic");
        assertThatThrownBy(() -> new ClusterSettings("k:9092", "t", 0, null)).hasMessageContaining("1-1000");
        assertThatThrownBy(() -> ClusterSettings.Role.of("leader")).hasMessageContaining("all, ingest, detect or web");
        var s = new ClusterSettings("k1:9092,k2:9092", "epicenter.reports", 6, ClusterSettings.Role.of("WEB"));
        assertThat(s.role().takesReports()).isFalse();
        assertThat(s.role().reads()).isFalse();
        assertThat(s.partitionName(3)).isEqualTo("epicenter.reports-3");
    }

    @Test
    void securitySettingsReachEveryClientAndNothingElseIsTaken(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        var file = dir.resolve("kafka.properties");
        java.nio.file.Files.writeString(
                file,
                "security.protocol = SASL_SSL\n"
                        + "sasl.mechanism=SCRAM-SHA-512\n"
                        + "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required"
                        + " username=\"epicenter\" password=\"s3cr3t\";\n"
                        + "ssl.truststore.location=/etc/kafka/truststore.p12\n"
                        + "ssl.truststore.password=changeit\n");
        var s = new ClusterSettings(
                "k1:9092", "epicenter.reports", 6, ClusterSettings.Role.ALL, ClusterSettings.readSecurity(file));
        assertThat(s.client())
                .containsEntry("bootstrap.servers", "k1:9092")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("ssl.truststore.location", "/etc/kafka/truststore.p12");
        assertThat(s.toString()).contains("SASL_SSL").doesNotContain("s3cr3t").doesNotContain("changeit");
        assertThat(s.withPartitions(3).security()).isEqualTo(s.security());

        java.nio.file.Files.writeString(file, "acks=0\n");
        assertThatThrownBy(() -> new ClusterSettings(
                        "k1:9092", "t", 6, ClusterSettings.Role.ALL, ClusterSettings.readSecurity(file)))
                .hasMessageContaining("only security.protocol, ssl.* and sasl.*")
                .hasMessageContaining("acks");
        java.nio.file.Files.writeString(file, "bootstrap.servers=elsewhere:9092\n");
        assertThatThrownBy(() -> new ClusterSettings(
                        "k1:9092", "t", 6, ClusterSettings.Role.ALL, ClusterSettings.readSecurity(file)))
                .hasMessageContaining("bootstrap.servers");
        assertThatThrownBy(() -> ClusterSettings.readSecurity(dir.resolve("missing.properties")))
                .hasMessageContaining("--kafka-config")
                .hasMessageContaining("file not found");
        java.nio.file.Files.write(file, new byte[] {'s', 's', 'l', '.', 'a', '=', '\\', 'u', 'z', 'z'});
        assertThatThrownBy(() -> ClusterSettings.readSecurity(file)).hasMessageContaining("cannot read");
    }
}
