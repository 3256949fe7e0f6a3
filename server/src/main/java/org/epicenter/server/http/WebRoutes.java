package org.epicenter.server.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The web pages: one small HTML shell per page, rendered with the visitor's language and direction
 * so the first paint is already right, and two static assets (script and style sheet) that fill it
 * from the public JSON API and the event stream. No build step, no Node, no third-party code.
 *
 * <p>Language: {@code ?lang=ar|en} wins and is remembered in a cookie; else the cookie; else the
 * browser's Accept-Language; else English.
 */
final class WebRoutes {
    static final String CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
            + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
    /** The page scripts, in the order the shell loads them (after the page language's strings). */
    static final List<String> SCRIPTS = List.of(
            "core.js", "charts.js", "home.js", "service.js", "incident.js", "cause.js", "notice.js", "start.js");

    private static final List<String> ASSETS = java.util.stream.Stream.concat(
                    Stream.of("strings-en.js", "strings-ar.js"),
                    Stream.concat(SCRIPTS.stream(), Stream.of("app.css", "world.json", "icon.svg")))
            .toList();

    private final String shell;
    private final Map<String, byte[]> assets;
    private final Map<String, String> etags;
    private final String version;
    private final String scriptTags;
    private final Predicate<String> known;
    private final BiPredicate<String, Instant> incidentExists;
    private final BiPredicate<String, Instant> causeExists;
    private final java.util.function.BiFunction<String, String, Preview> preview;
    private final BiPredicate<String, String> noticeExists;
    private final boolean notify;
    /** The address the operator published (--public-url), or null: then no page claims a canonical address. */
    private final String publicUrl;

    /**
     * What a shared link of a service page previews as, in the visitor's language: the page's title
     * and one sentence of what is going on (server-rendered, so crawlers, link previews and readers
     * without JavaScript get the main fact).
     */
    record Preview(String title, String description) {}

    /**
     * @param knownEntry     whether a catalog entry exists
     * @param incidentExists whether an incident of this service started at this instant exists
     * @param causeExists    whether a common cause of this provider started at this instant exists
     */
    WebRoutes(
            Predicate<String> knownEntry,
            BiPredicate<String, Instant> incidentExists,
            BiPredicate<String, Instant> causeExists,
            java.util.function.BiFunction<String, String, Preview> preview,
            BiPredicate<String, String> noticeExists,
            boolean notify,
            String publicUrl) {
        this.publicUrl = publicUrl == null ? null : publicUrl.replaceAll("/+$", "");
        this.preview = preview;
        this.noticeExists = noticeExists;
        this.notify = notify;
        this.known = knownEntry;
        this.incidentExists = incidentExists;
        this.causeExists = causeExists;
        this.shell = new String(resource("shell.html"), StandardCharsets.UTF_8);
        var loaded = new java.util.LinkedHashMap<String, byte[]>();
        for (String name : ASSETS) {
            loaded.put(name, resource(name.equals("world.json") ? "vendor/world-atlas-2.0.2/world.json" : name));
        }
        this.assets = Map.copyOf(loaded);
        var tags = new java.util.LinkedHashMap<String, String>();
        loaded.forEach((name, body) -> tags.put(name, etag(body)));
        this.etags = Map.copyOf(tags);
        // one version for every asset: any change to any of them is a new URL for all
        this.version = etag(String.join(",", tags.values()).getBytes(StandardCharsets.UTF_8))
                .substring(1, 17);
        this.scriptTags = SCRIPTS.stream()
                .map(n -> "<script src=\"/assets/" + n + "?v=" + version + "\" defer></script>")
                .collect(java.util.stream.Collectors.joining("\n"));
    }

    void home(Context ctx) {
        page(ctx, "home", "");
    }

    void service(Context ctx) {
        String id = ctx.pathParam("id");
        if (!known.test(id)) {
            ctx.status(404);
            page(ctx, "missing", "");
            return;
        }
        page(ctx, "service", id);
    }

    /** {@code /i/{service}/{start}}: one incident, by its service and its start (ISO-8601). */
    void incident(Context ctx) {
        String id = ctx.pathParam("service");
        Instant start = instant(ctx.pathParam("start"));
        if (!known.test(id) || start == null || !incidentExists.test(id, start)) {
            ctx.status(404);
            page(ctx, "missing", "");
            return;
        }
        page(ctx, "incident", id + "/" + start);
    }

    /** {@code /c/{provider}/{start}}: one common cause and its blast radius. */
    void cause(Context ctx) {
        String id = ctx.pathParam("provider");
        Instant start = instant(ctx.pathParam("start"));
        if (!known.test(id) || start == null || !causeExists.test(id, start)) {
            ctx.status(404);
            page(ctx, "missing", "");
            return;
        }
        page(ctx, "cause", id + "/" + start);
    }

    /**
     * {@code /n/{id}/{token}} and {@code .../stop}: the pages the links of a notice's mails open. Only
     * a button on them changes anything (a mail scanner that follows links confirms nothing).
     */
    void notice(Context ctx) {
        String id = ctx.pathParam("id");
        String token = ctx.pathParam("token");
        ctx.header("X-Robots-Tag", "noindex");
        if (!noticeExists.test(id, token)) {
            ctx.status(404);
            page(ctx, "missing", "");
            return;
        }
        page(ctx, ctx.path().endsWith("/stop") ? "notice-stop" : "notice", id + "/" + token);
    }

    /** An ISO-8601 instant, or null when the text is not one. */
    private static Instant instant(String raw) {
        try {
            return Instant.parse(raw);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    void asset(Context ctx) {
        String name = ctx.pathParam("name");
        byte[] body = assets.get(name);
        if (body == null) {
            throw new ApiError(404, "not_found", null, "no asset " + name);
        }
        webHeaders(ctx);
        String etag = etags.get(name);
        // the URL carries the version, so a visitor keeps the asset for a day without asking
        ctx.header("Cache-Control", "public, max-age=86400");
        ctx.header("ETag", etag);
        if (etag.equals(ctx.header("If-None-Match"))) {
            ctx.status(304);
            return;
        }
        ctx.contentType(type(name)).result(body);
    }

    private void page(Context ctx, String page, String id) {
        String lang = language(ctx);
        webHeaders(ctx);
        // a notice's page holds its link's token: never kept by a cache
        ctx.header("Cache-Control", page.startsWith("notice") ? "no-store" : "public, max-age=5");
        ctx.header("Vary", "Accept-Language, Cookie");
        // Every value placed in the HTML is escaped, whatever its route checked before.
        // the previewer gets the page kind and its id: "service x", "incident x/2025-…", "cause edge/2025-…", "home "
        Preview p = page.equals("missing")
                ? new Preview(
                        lang.equals("ar") ? "غير موجودة · إبيسنتر" : "Not found · Epicenter",
                        lang.equals("ar") ? "لا توجد صفحة بهذا العنوان." : "There is no such page.")
                : page.startsWith("notice")
                        ? new Preview(
                                lang.equals("ar") ? "أخبرني حين يعود · إبيسنتر" : "Tell me when it is back · Epicenter",
                                lang.equals("ar")
                                        ? "رسالة واحدة حين ينتهي العطل."
                                        : "One email when the outage is over.")
                        : preview.apply(page + " " + id, lang);
        String title = p != null
                ? p.title()
                : lang.equals("ar") ? "إبيسنتر: ما المتوقف الآن؟" : "Epicenter: what is down right now?";
        String description = p != null
                ? p.description()
                : lang.equals("ar")
                        ? "بلاغات المستخدمين والمجسّات والصفحات الرسمية: ما المتوقف الآن، وما مصدر العطل."
                        : "User reports, probes and official pages: what is down right now, and where the outage comes from.";
        // one pass over the shell: a value that itself contains "{{description}}" is never expanded
        Map<String, String> values = new java.util.HashMap<>(Map.of(
                "lang",
                lang,
                "dir",
                lang.equals("ar") ? "rtl" : "ltr",
                "page",
                escape(page),
                "id",
                escape(id),
                "v",
                version,
                "title",
                escape(title),
                "description",
                escape(description),
                "scripts",
                scriptTags,
                "feedQuery",
                page.equals("service") ? "?service=" + escape(id) : "",
                "feedTitle",
                escape(
                        p != null && page.equals("service")
                                ? title + (lang.equals("ar") ? " (Atom)" : " (Atom feed)")
                                : lang.equals("ar") ? "أعطال إبيسنتر (Atom)" : "Epicenter incidents (Atom feed)")));
        values.put("notify", notify ? "1" : "");
        values.put("locale", lang.equals("ar") ? "ar_AR" : "en_US");
        // the shared link's own address, in the page's language; never for a notice (its link is a key)
        values.put(
                "canonical",
                publicUrl == null || page.startsWith("notice") || page.equals("missing")
                        ? ""
                        : "<meta property=\"og:url\" content=\"" + escape(publicUrl + ctx.path() + "?lang=" + lang)
                                + "\">\n<link rel=\"canonical\" href=\""
                                + escape(publicUrl + ctx.path() + "?lang=" + lang) + "\">");
        String html = PLACEHOLDER
                .matcher(shell)
                .replaceAll(m -> java.util.regex.Matcher.quoteReplacement(values.getOrDefault(m.group(1), "")));
        ctx.contentType("text/html; charset=utf-8").result(html);
    }

    private static String type(String name) {
        return name.endsWith(".js")
                ? "text/javascript; charset=utf-8"
                : name.endsWith(".css")
                        ? "text/css; charset=utf-8"
                        : name.endsWith(".svg") ? "image/svg+xml" : "application/json";
    }

    private static final java.util.regex.Pattern PLACEHOLDER = java.util.regex.Pattern.compile("\\{\\{(\\w+)}}");

    /** Text made safe for an HTML attribute or element: the five characters that could end either; control characters dropped. */
    static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' || c == 0x7f) {
                continue;
            }
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    static void webHeaders(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("Cross-Origin-Resource-Policy", "same-origin");
    }

    /** ar or en: the query parameter (remembered), the cookie, then Accept-Language. */
    static String language(Context ctx) {
        String asked = ctx.queryParam("lang");
        if (asked != null && (asked.equals("ar") || asked.equals("en"))) {
            ctx.header("Set-Cookie", "lang=" + asked + "; Path=/; Max-Age=31536000; SameSite=Lax");
            return asked;
        }
        String cookie = ctx.cookie("lang");
        if (cookie != null && (cookie.equals("ar") || cookie.equals("en"))) {
            return cookie;
        }
        String accept = ctx.header("Accept-Language");
        if (accept != null) {
            double best = -1;
            String chosen = "en";
            for (String part : accept.split(",")) {
                String[] bits = part.strip().split(";");
                String tag = bits[0].strip().toLowerCase(Locale.ROOT);
                double q = 1;
                for (int i = 1; i < bits.length; i++) {
                    String b = bits[i].strip();
                    if (b.startsWith("q=")) {
                        try {
                            q = Double.parseDouble(b.substring(2));
                        } catch (NumberFormatException e) {
                            q = 0;
                        }
                    }
                }
                String base = tag.split("-")[0];
                if ((base.equals("ar") || base.equals("en")) && q > best) {
                    best = q;
                    chosen = base;
                }
            }
            return chosen;
        }
        return "en";
    }

    private static byte[] resource(String name) {
        try (InputStream in = WebRoutes.class.getResourceAsStream("/org/epicenter/server/web/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing web resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String etag(byte[] body) {
        try {
            return "\""
                    + HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(body), 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
