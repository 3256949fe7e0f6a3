package org.epicenter.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProbeSpecTest {
    private static final String BANK = """
            entries:
              - id: my-bank
                kind: service
                name: {en: My Bank, ar: بنكي}
                category: bank
                hostnames: [mybank.example.com]
                probes:
            %s
            """;

    private static Catalog load(String probes) {
        return Catalog.of(
                List.of(
                        CatalogCodec.defaultDocument(),
                        CatalogCodec.readYaml(
                                "ops.yaml", BANK.formatted(probes.indent(6).stripTrailing()))),
                List.of());
    }

    private static CatalogException refuse(String probes) {
        try {
            load(probes);
        } catch (CatalogException e) {
            return e;
        }
        throw new AssertionError("expected the probes to be refused:\n" + probes);
    }

    @Test
    void probesOfEveryKindLoadWithTheirDefaults() {
        Catalog c = load("""
                - {name: web, kind: http, target: "https://mybank.example.com/health", conditions: ["status == 200", "body.status == \\"UP\\"", "latency < 800ms"]}
                - {name: api, kind: tcp, target: "api.mybank.example.com:443", interval: 30s, timeout: 3s}
                - {name: dns, kind: dns, target: mybank.example.com, record: AAAA, resolver: "9.9.9.9"}
                - {name: cert, kind: tls, target: "mybank.example.com:443", conditions: ["cert_expiry > 14d"]}
                - {name: web-backup, kind: http, target: "https://backup.mybank.example.com/", backupOf: web, quorum: 1}
                """);

        List<ProbeSpec> probes = c.find("my-bank").orElseThrow().probes();
        assertThat(probes).extracting(ProbeSpec::name).containsExactly("web", "api", "dns", "cert", "web-backup");
        assertThat(probes.get(0).parsedChecks()).hasSize(3);
        assertThat(probes.get(0).every()).isEqualTo(Duration.ofSeconds(60));
        assertThat(probes.get(1).every()).isEqualTo(Duration.ofSeconds(30));
        assertThat(probes.get(1).deadline()).isEqualTo(Duration.ofSeconds(3));
        assertThat(probes.get(1).host()).isEqualTo("api.mybank.example.com");
        assertThat(probes.get(1).checks()).containsExactly("connected == true");
        assertThat(probes.get(2).resolverHost()).isEqualTo("9.9.9.9");
        assertThat(probes.get(2).resolverPort()).isEqualTo(53);
        assertThat(probes.get(2).checks()).containsExactly("dns_rcode == NOERROR");
        assertThat(probes.get(4).backupOf()).isEqualTo("web");
        assertThat(probes.get(4).quorumOrDefault()).isEqualTo(1);
        assertThat(probes.get(0).quorumOrDefault()).isEqualTo(2);
    }

    @Test
    void aBadConditionIsRefusedWithItsLineFieldAndColumn() {
        CatalogException e = refuse("""
                - name: web
                  kind: http
                  target: "https://mybank.example.com/"
                  conditions:
                    - "status == 200"
                    - "latency < 5 parsecs"
                """);

        assertThat(e.line()).isEqualTo(13);
        assertThat(e.field()).isEqualTo("entries[0].probes[0].conditions[1]");
        assertThat(e.reason()).contains("column 11").contains("is not a duration");
    }

    @Test
    void wrongTargetsAndMisplacedFieldsAreNamed() {
        assertThat(refuse("- {name: web, kind: http, target: \"ftp://mybank.example.com/\"}")
                        .reason())
                .contains("must be an http:// or https:// URL");
        assertThat(refuse("- {name: web, kind: http, target: \"https://user:pw@mybank.example.com/\"}")
                        .reason())
                .contains("must not carry credentials");
        assertThat(refuse("- {name: api, kind: tcp, target: \"mybank.example.com\"}")
                        .reason())
                .contains("is not host:port");
        assertThat(refuse("- {name: api, kind: tcp, target: \"mybank.example.com:70000\"}")
                        .reason())
                .contains("port 1-65535");
        assertThat(refuse("- {name: api, kind: tcp, target: \"mybank.example.com:443\", record: A}")
                        .reason())
                .contains("\"record\" applies only to dns probes");
        assertThat(refuse("- {name: d, kind: dns, target: \"mybank.example.com\", record: PTR}")
                        .reason())
                .contains("record must be one of");
        assertThat(refuse("- {name: web, kind: http, target: \"https://mybank.example.com/\", interval: 1s}")
                        .reason())
                .contains("interval must be 5s-1d");
        assertThat(refuse(
                                "- {name: web, kind: http, target: \"https://mybank.example.com/\", interval: 10s, timeout: 20s}")
                        .reason())
                .contains("no longer than the interval");
        assertThat(refuse("- {name: web, kind: ping, target: \"mybank.example.com\"}")
                        .reason())
                .contains("unknown probe kind \"ping\"");
        assertThat(refuse("- {name: web, kind: http, target: \"https://mybank.example.com/\", colour: red}")
                        .field())
                .isEqualTo("entries[0].probes[0].colour");
        assertThat(refuse(
                                "- {name: web, kind: http, target: \"https://mybank.example.com/\", headers: {\"Bad Header\": x}}")
                        .reason())
                .contains("header \"Bad Header\"");
    }

    @Test
    void backupsMustNameAPrimaryOfTheSameEntry() {
        assertThat(refuse("- {name: web-backup, kind: http, target: \"https://b.example.com/\", backupOf: web}")
                        .reason())
                .contains("backup of \"web\", which is not a probe of my-bank");
        assertThat(refuse("""
                - {name: web, kind: http, target: "https://a.example.com/"}
                - {name: b1, kind: http, target: "https://b.example.com/", backupOf: web}
                - {name: b2, kind: http, target: "https://c.example.com/", backupOf: b1}
                """).reason()).contains("which is itself a backup");
        assertThat(refuse("""
                - {name: web, kind: http, target: "https://a.example.com/"}
                - {name: web, kind: tcp, target: "a.example.com:443"}
                """).reason()).contains("\"web\" is used twice");
    }

    @Test
    void probesRoundTripThroughTheAdminJson() {
        CatalogEntry entry =
                load("- {name: web, kind: http, target: \"https://mybank.example.com/\", headers: {Accept: application/json}, conditions: [\"status == 200\"]}")
                        .find("my-bank")
                        .orElseThrow();

        String json = new String(CatalogCodec.writeEntryJson(entry), StandardCharsets.UTF_8);
        assertThat(json).contains("\"probes\":[{\"name\":\"web\"").doesNotContain("\"record\"");
        assertThat(CatalogCodec.readEntryJson(json.getBytes(StandardCharsets.UTF_8))
                        .probes())
                .isEqualTo(entry.probes());
    }
}
