package org.epicenter.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeedSpecTest {
    private static final String SHOP = """
            entries:
              - id: my-shop
                kind: service
                name: {en: My Shop, ar: متجري}
                category: ecommerce
                feeds:
            %s
            """;

    private static Catalog load(String feeds) {
        return Catalog.of(
                List.of(
                        CatalogCodec.defaultDocument(),
                        CatalogCodec.readYaml(
                                "ops.yaml", SHOP.formatted(feeds.indent(6).stripTrailing()))),
                List.of());
    }

    private static CatalogException refuse(String feeds) {
        try {
            load(feeds);
        } catch (CatalogException e) {
            return e;
        }
        throw new AssertionError("expected the feeds to be refused:\n" + feeds);
    }

    @Test
    void feedsOfEveryFormatLoadWithTheirDefaults() {
        List<FeedSpec> feeds = load("""
                - {url: "https://status.myshop.example/api/v2/summary.json", format: statuspage, components: [Checkout, Search]}
                - {url: "https://myshop.example/status.rss", format: rss, interval: 10m, timeout: 5s}
                - {url: "https://myshop.example/instatus/summary.json", format: instatus}
                - {url: "https://myshop.example/index.json", format: betterstack}
                - {url: "https://myshop.example/incidents.json", format: google-cloud}
                """).find("my-shop").orElseThrow().feeds();
        assertThat(feeds)
                .extracting(FeedSpec::format)
                .containsExactly(
                        FeedFormat.STATUSPAGE,
                        FeedFormat.RSS,
                        FeedFormat.INSTATUS,
                        FeedFormat.BETTERSTACK,
                        FeedFormat.GOOGLE_CLOUD);
        assertThat(feeds.get(0).picks()).containsExactly("Checkout", "Search");
        assertThat(feeds.get(0).every()).isEqualTo(Duration.ofMinutes(2));
        assertThat(feeds.get(0).deadline()).isEqualTo(Duration.ofSeconds(10));
        assertThat(feeds.get(1).every()).isEqualTo(Duration.ofMinutes(10));
        assertThat(feeds.get(1).deadline()).isEqualTo(Duration.ofSeconds(5));
        assertThat(feeds.get(1).picks()).isEmpty();
    }

    @Test
    void mistakesAreNamedWithTheirLine() {
        CatalogException unknown = refuse("- {url: \"https://s.example/x\", format: statuspage, component: [A]}");
        assertThat(unknown.line()).isEqualTo(7);
        assertThat(unknown.reason()).contains("unknown key \"component\"").contains("components");
        assertThat(refuse("- {url: \"https://s.example/x\", format: atlassian}").reason())
                .contains(
                        "unknown feed format \"atlassian\" (expected statuspage, instatus, betterstack, rss, google-cloud)");
        assertThat(refuse("- {url: \"file:///etc/passwd\", format: rss}").reason())
                .contains("must be an http:// or https:// URL");
        assertThat(refuse("- {url: \"https://s.example/x\", format: rss, interval: 5s}")
                        .reason())
                .contains("interval must be 30s-1d");
        assertThat(refuse("- {url: \"https://s.example/x\", format: rss, timeout: 5m}")
                        .reason())
                .contains("timeout must be 100ms-1m");
        assertThat(refuse("- {format: rss}").reason()).contains("url");
        assertThat(refuse("""
                - {url: "https://s.example/x", format: rss}
                - {url: "https://s.example/x", format: rss, components: [A]}
                """).reason()).contains("a URL is listed twice");
    }
}
