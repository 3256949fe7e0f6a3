package org.epicenter.server;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Debian's Chromium driven by Playwright (no browser download), headless; screenshots go to target/screenshots. */
final class Chromium implements AutoCloseable {
    static final Path SHOTS = Path.of("target", "screenshots");

    private final Playwright playwright;
    final Browser browser;

    Chromium() {
        playwright = Playwright.create(
                new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright
                .chromium()
                .launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium")))
                        .setHeadless(true));
        try {
            Files.createDirectories(SHOTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String axeSource;

    /**
     * The page's accessibility violations by axe-core (WCAG 2.1 A and AA rules, best practices
     * included), one line each: rule, impact, and the first nodes. Run through the DevTools
     * protocol, so the page's Content-Security-Policy does not block it.
     */
    static java.util.List<String> axe(com.microsoft.playwright.Page page) {
        synchronized (Chromium.class) {
            if (axeSource == null) {
                try (var in =
                        Chromium.class.getResourceAsStream("/META-INF/resources/webjars/axe-core/4.6.3/axe.min.js")) {
                    axeSource = new String(
                            java.util.Objects.requireNonNull(in, "axe-core webjar missing")
                                    .readAllBytes(),
                            java.nio.charset.StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        page.evaluate("src => { if (!window.axe) { (0, eval)(src); } }", axeSource);
        Object found = page.evaluate(
                "async () => (await axe.run(document, { resultTypes: ['violations'] })).violations"
                        + ".map(v => `${v.id} (${v.impact}): ${v.help}: ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`)");
        @SuppressWarnings("unchecked")
        var list = (java.util.List<String>) found;
        return list;
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
