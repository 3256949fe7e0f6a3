package org.epicenter.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DefaultCatalogTest {
    private final Catalog catalog = Catalog.defaults();

    @Test
    void shipsAtLeastAHundredEntriesWithEnglishAndArabicNames() {
        assertThat(catalog.size()).isGreaterThanOrEqualTo(100);
        assertThat(catalog.entries()).allSatisfy(e -> {
            assertThat(e.name().ar()).as(e.id()).containsPattern("[\\u0600-\\u06FF]");
            assertThat(e.hostnames()).as(e.id()).isNotEmpty();
        });
    }

    @Test
    void holdsEveryServiceAndProviderNamedInTheIncidentFacts() {
        assertThat(catalog.ids())
                .contains(
                        "facebook",
                        "instagram",
                        "whatsapp",
                        "messenger",
                        "meta-quest",
                        "workplace",
                        "threads",
                        "x",
                        "chatgpt",
                        "claude",
                        "canva",
                        "spotify",
                        "league-of-legends",
                        "bet365",
                        "snapchat",
                        "reddit",
                        "signal",
                        "fortnite",
                        "roblox",
                        "pokemon-go",
                        "playstation-network",
                        "venmo",
                        "coinbase",
                        "robinhood",
                        "lloyds-bank",
                        "halifax",
                        "hmrc",
                        "ring",
                        "alexa",
                        "prime-video",
                        "amazon",
                        "zoom",
                        "slack",
                        "duolingo",
                        "disney-plus",
                        "delta",
                        "united-airlines",
                        "gov-uk",
                        "nytimes",
                        "cnn",
                        "twitch",
                        "microsoft-365",
                        "uber",
                        "downdetector",
                        "cloudflare",
                        "aws-us-east-1",
                        "azure-central-us",
                        "fastly",
                        "akamai-edge-dns",
                        "meta-network",
                        "crowdstrike");
    }

    @Test
    void coversTheArabWorldsTelecomsBanksAppsAndGovernmentPortals() {
        var arab = List.of("SA", "AE", "EG", "KW", "QA", "BH", "OM", "JO", "IQ", "MA", "DZ");
        var arabEntries = catalog.entries().stream()
                .filter(e -> e.countries().stream().anyMatch(arab::contains))
                .toList();
        assertThat(arabEntries)
                .extracting(CatalogEntry::category)
                .contains(
                        Category.TELECOM,
                        Category.BANK,
                        Category.DELIVERY,
                        Category.TRANSPORT,
                        Category.GOVERNMENT,
                        Category.PAYMENTS);
        assertThat(arabEntries).hasSizeGreaterThanOrEqualTo(40);
    }

    @Test
    void providersKnowTheirBlastRadius() {
        assertThat(catalog.directDependents("cloudflare"))
                .extracting(CatalogEntry::id)
                .contains("x", "chatgpt", "claude", "canva", "spotify");
        assertThat(catalog.directDependents("aws-us-east-1"))
                .extracting(CatalogEntry::id)
                .contains("venmo", "snapchat", "fortnite", "signal");
        assertThat(catalog.allDependents("meta-network"))
                .extracting(CatalogEntry::id)
                .contains("whatsapp", "facebook", "instagram", "messenger");
        assertThat(catalog.directDependents("whatsapp")).isEmpty();
    }

    @Test
    void everyEdgeNamesItsSource() {
        assertThat(catalog.entries())
                .flatExtracting(CatalogEntry::dependsOn)
                .allSatisfy(d -> assertThat(d.source()).isNotBlank());
    }

    @Test
    void everyEntryIsProbedAtItsOwnPublicFrontDoor() {
        assertThat(catalog.entries()).allSatisfy(e -> {
            assertThat(e.probes()).as(e.id()).isNotEmpty();
            for (ProbeSpec p : e.probes()) {
                if (p.kind() == ProbeKind.HTTP) {
                    String host = java.net.URI.create(p.target()).getHost();
                    assertThat(e.hostnames().stream().anyMatch(h -> host.equals(h) || host.endsWith("." + h)))
                            .as("%s probes %s, one of its own hostnames", e.id(), host)
                            .isTrue();
                }
            }
        });
        assertThat(catalog.find("cloudflare").orElseThrow().probes())
                .anySatisfy(p -> assertThat(p.backupOf()).isEqualTo("dns"));
    }

    @Test
    void theBigProvidersAndServicesReadTheirOfficialStatusPages() {
        for (String id : List.of(
                "cloudflare",
                "aws-us-east-1",
                "azure-central-us",
                "google-cloud",
                "github",
                "chatgpt",
                "openai-api",
                "discord",
                "slack",
                "zoom")) {
            assertThat(catalog.find(id).orElseThrow().feeds()).as(id).isNotEmpty();
        }
        assertThat(catalog.entries().stream().flatMap(e -> e.feeds().stream()))
                .allSatisfy(f -> assertThat(f.url()).startsWith("https://"));
        assertThat(catalog.find("azure-central-us").orElseThrow().feeds().get(0).picks())
                .containsExactly("Central US");
        assertThat(catalog.find("google-cloud").orElseThrow().feeds().get(0).format())
                .isEqualTo(FeedFormat.GOOGLE_CLOUD);
    }

    /** The graph resource that {@code epicenter detect} reads instead of the YAML. Regenerate with -Dregenerate=true. */
    @Test
    void theDependencyGraphResourceIsTheCatalogsGraph() throws Exception {
        var graph = org.epicenter.correlate.DependencyGraph.of(catalog);
        if (Boolean.getBoolean("regenerate")) {
            java.nio.file.Files.writeString(
                    java.nio.file.Path.of(
                            "src/main/resources" + org.epicenter.correlate.DependencyGraph.DEFAULT_RESOURCE),
                    graph.toTsv());
        }
        assertThat(org.epicenter.correlate.DependencyGraph.defaults())
                .as("run DefaultCatalogTest with -Dregenerate=true after a catalog change")
                .isEqualTo(graph);
        assertThat(graph.allDependents("cloudflare")).contains("chatgpt", "x");
        assertThat(graph.name("aws-us-east-1")).isEqualTo("AWS us-east-1 (N. Virginia)");
    }
}
