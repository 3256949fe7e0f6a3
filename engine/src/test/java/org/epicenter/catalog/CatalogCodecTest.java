package org.epicenter.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogCodecTest {
    private static final String GOOD = """
            entries:
              - id: my-bank
                kind: service
                name: {en: My Bank, ar: بنكي}
                category: bank
                hostnames: [mybank.example.com]
                countries: [SA]
                dependsOn:
                  - {id: cloudflare, evidence: confirmed, source: our own architecture}
            """;

    private static CatalogException refuse(String yaml) {
        try {
            Catalog.of(List.of(CatalogCodec.defaultDocument(), CatalogCodec.readYaml("ops.yaml", yaml)), List.of());
        } catch (CatalogException e) {
            return e;
        }
        throw new AssertionError("expected the catalog to be refused:\n" + yaml);
    }

    @Test
    void oneFileDefiningAnIdTwiceIsRefusedWithBothPlaces() {
        String twice = GOOD + """
                  - id: my-bank
                    kind: service
                    name: {en: My Other Bank, ar: بنكي الآخر}
                    category: bank
                """;
        CatalogException e = refuse(twice);
        assertThat(e.getMessage())
                .contains("duplicate id \"my-bank\"")
                .contains("entries[0]")
                .contains("entries[1]");
        // a later file redefining a default entry is an override, not a duplicate
        Catalog.of(List.of(CatalogCodec.defaultDocument(), CatalogCodec.readYaml("ops.yaml", """
                entries:
                  - id: signal
                    kind: service
                    name: {en: Signal (ours), ar: سيجنال}
                    category: messaging
                """)), List.of());
    }

    @Test
    void typeErrorsNameKindsOfValueNotJavaClasses() {
        assertThat(CatalogCodec.plainTypes("Cannot deserialize value of type `java.time.Instant` from String \"x\""))
                .isEqualTo(
                        "Cannot deserialize value of type an ISO-8601 time like 2025-11-18T11:20:00Z from String \"x\"");
        assertThat(CatalogCodec.plainTypes(
                        "Cannot deserialize value of type `java.util.ArrayList<java.lang.String>` from Object value"))
                .doesNotContain("java.");
        assertThat(
                        CatalogCodec.plainTypes(
                                "Cannot construct instance of `org.epicenter.alert.Silence` (through reference chain: x[\"a\"])"))
                .isEqualTo("Cannot construct instance of an object");
        assertThat(
                        CatalogCodec.plainTypes(
                                "Cannot deserialize value of type `java.time.Instant` from String \"x\": Failed to deserialize"
                                        + " java.time.Instant: (java.time.format.DateTimeParseException) Text 'x' could not be parsed at index 0"))
                .doesNotContain("java.")
                .doesNotContain("Exception")
                .endsWith("Text 'x' could not be parsed at index 0");
        assertThat(CatalogCodec.plainTypes(
                        "Input mismatch reading Enum `org.epicenter.alert.ChannelKind`: properties-based `@JsonCreator`"
                                + " ([method org.epicenter.alert.ChannelKind#fromWire(java.lang.String)]) expects String Value, got Array value"
                                + " (token `JsonToken.START_ARRAY`)"))
                .isEqualTo("expected one of the allowed words, got Array value");
    }

    @Test
    void operatorEntriesExtendTheDefaults() {
        Catalog c =
                Catalog.of(List.of(CatalogCodec.defaultDocument(), CatalogCodec.readYaml("ops.yaml", GOOD)), List.of());

        assertThat(c.find("my-bank")).get().extracting(e -> e.name().ar()).isEqualTo("بنكي");
        assertThat(c.directDependents("cloudflare"))
                .extracting(CatalogEntry::id)
                .contains("my-bank");
    }

    @Test
    void operatorEntriesReplaceAndRemoveDefaults() {
        String yaml = """
                remove: [bet365]
                entries:
                  - {id: x, kind: service, name: {en: X, ar: إكس}, category: social, hostnames: [x.com]}
                """;
        Catalog c =
                Catalog.of(List.of(CatalogCodec.defaultDocument(), CatalogCodec.readYaml("ops.yaml", yaml)), List.of());

        assertThat(c.contains("bet365")).isFalse();
        assertThat(c.find("x").orElseThrow().dependsOn()).isEmpty();
    }

    @Test
    void unknownKeyIsRefusedWithLineAndField() {
        CatalogException e = refuse(GOOD.replace("    countries: [SA]", "    countries: [SA]\n    colour: blue"));

        assertThat(e.source()).isEqualTo("ops.yaml");
        assertThat(e.line()).isEqualTo(8);
        assertThat(e.field()).isEqualTo("entries[0].colour");
        assertThat(e.getMessage()).startsWith("ops.yaml:8: entries[0].colour: unknown key \"colour\"");
    }

    @Test
    void unknownTopLevelKeyIsRefused() {
        assertThat(refuse("services: []\n").getMessage()).contains("ops.yaml:1").contains("unknown key \"services\"");
    }

    @Test
    void badValuesNameTheirLineAndField() {
        assertThat(refuse(GOOD.replace("countries: [SA]", "countries: [SA, Saudi]"))
                        .getMessage())
                .isEqualTo(
                        "ops.yaml:7: entries[0].countries[1]: not an ISO 3166-1 alpha-2 country code (upper case, like SA)");
        assertThat(refuse(GOOD.replace("id: my-bank", "id: My Bank")).getMessage())
                .startsWith("ops.yaml:2: entries[0].id: not a lowercase slug");
        assertThat(refuse(GOOD.replace("category: bank", "category: banks")).getMessage())
                .startsWith("ops.yaml:5: entries[0].category: unknown category \"banks\"");
        assertThat(refuse(GOOD.replace("evidence: confirmed", "evidence: sure")).getMessage())
                .startsWith("ops.yaml:9: entries[0].dependsOn[0].evidence: unknown evidence \"sure\"");
        assertThat(refuse(GOOD.replace("hostnames: [mybank.example.com]", "hostnames: [http://mybank]"))
                        .getMessage())
                .contains("ops.yaml:6: entries[0].hostnames[0]: not a lowercase DNS hostname");
    }

    @Test
    void wrongTypesAndMissingFieldsAreRefused() {
        assertThat(refuse(GOOD.replace("countries: [SA]", "countries: SA")).field())
                .isEqualTo("entries[0].countries");
        CatalogException missing = refuse(GOOD.replace("    category: bank\n", ""));
        assertThat(missing.field()).isEqualTo("entries[0].category");
        assertThat(missing.reason()).isEqualTo("missing required field \"category\"");
        assertThat(missing.line()).isPositive();
    }

    @Test
    void unknownDependencyAndCyclesAreRefusedNamingTheEntry() {
        CatalogException unknown = refuse(GOOD.replace("id: cloudflare", "id: cloudfare"));
        assertThat(unknown.getMessage())
                .isEqualTo(
                        "ops.yaml:2: entries[0].dependsOn[0].id: \"my-bank\" depends on unknown entry \"cloudfare\"");

        String cycle = """
                entries:
                  - {id: a, kind: provider, name: {en: A, ar: أ}, category: cloud, hostnames: [a.example], dependsOn: [{id: b, evidence: uncertain}]}
                  - {id: b, kind: provider, name: {en: B, ar: ب}, category: cloud, hostnames: [b.example], dependsOn: [{id: a, evidence: uncertain}]}
                """;
        assertThat(refuse(cycle).getMessage()).contains("dependency cycle: a -> b -> a");
    }

    @Test
    void malformedYamlAndEmptyFilesAreRefused() {
        assertThat(refuse("entries: [\n  - id: x\n").line()).isPositive();
        assertThat(refuse("   \n").getMessage())
                .isEqualTo("ops.yaml:1: empty catalog file (expected the keys entries and/or remove)");
        assertThat(refuse("remove: [nothing-like-this]\n").getMessage())
                .isEqualTo("ops.yaml: remove[0]: cannot remove \"nothing-like-this\": no earlier catalog defines it");
    }

    @Test
    void selfDependencyIsRefused() {
        assertThat(refuse(GOOD.replace("id: cloudflare", "id: my-bank")).getMessage())
                .contains("my-bank cannot depend on itself");
    }

    @Test
    void entriesRoundTripThroughJson() {
        CatalogEntry x = Catalog.defaults().find("spotify").orElseThrow();
        assertThat(CatalogCodec.readEntryJson(CatalogCodec.writeEntryJson(x))).isEqualTo(x);
        CatalogException e = org.junit.jupiter.api.Assertions.assertThrows(
                CatalogException.class,
                () -> CatalogCodec.readEntryJson(
                        "{\"id\":\"a\",\"kind\":\"service\"}".getBytes(StandardCharsets.UTF_8)));
        assertThat(e.reason()).startsWith("missing required field");
        assertThatThrownBy(() -> CatalogCodec.readEntryJson("{\"id\":1}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("id");
    }
}
