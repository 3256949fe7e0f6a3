package org.epicenter.server.social;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.epicenter.probes.HttpProbe;
import org.epicenter.server.SocialService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Public hashtag timelines of one Mastodon (or other Fediverse) instance, read without an account
 * ({@code GET /api/v1/timelines/tag/{tag}}): only statuses newer than the last one seen
 * ({@code since_id}), 40 a request, through the probes' fetcher (so the address guard, redirects, a
 * body cap and a deadline apply), and after a failure nothing until a backoff that doubles up to 30
 * minutes has passed. The first read of a tag takes only the last hour.
 */
public final class MastodonSource {
    private static final Logger LOG = LoggerFactory.getLogger(MastodonSource.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern BREAK = Pattern.compile("(?i)<br\\s*/?>|</p>");
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern ENTITY = Pattern.compile("&(#x?[0-9a-fA-F]{1,6}|amp|lt|gt|quot|apos|nbsp);");
    static final int MAX_BODY = 2 << 20;
    static final Duration MAX_BACKOFF = Duration.ofMinutes(30);
    /** Pages read per hashtag and round: 200 statuses a minute at most. */
    static final int PAGES = 5;

    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]");

    /** A status: its id on the instance read (for {@code min_id}) and the post it is. */
    record Status(String localId, SocialService.Incoming post) {}

    /** Hashtags read when the operator names none: outage words in English and Arabic. */
    public static final List<String> DEFAULT_TAGS = List.of("outage", "down", "عطل", "معطل", "واقف", "طايح");

    private final URI instance;
    private final String source;
    private final List<String> tags;
    private final HttpProbe http;
    private final Clock clock;
    private final Map<String, String> since = new HashMap<>();
    private int failures;
    private Instant resumeAt;

    public MastodonSource(URI instance, List<String> tags, HttpProbe http, Clock clock) {
        if (!"https".equals(instance.getScheme()) && !"http".equals(instance.getScheme())
                || instance.getHost() == null) {
            throw new IllegalArgumentException("a Mastodon instance must be an http(s) URL, got \"" + instance + "\"");
        }
        this.instance = instance;
        this.source = "mastodon:" + instance.getHost();
        this.tags = List.copyOf(tags.isEmpty() ? DEFAULT_TAGS : tags);
        this.http = http;
        this.clock = clock;
    }

    public String source() {
        return source;
    }

    /** One round over the hashtags: the new statuses, oldest first; empty while backing off. */
    List<SocialService.Incoming> poll() {
        var all = new ArrayList<SocialService.Incoming>();
        poll(all::addAll);
        return all;
    }

    /**
     * One round: for each hashtag, up to {@link #PAGES} pages of the statuses right after the last
     * one taken ({@code min_id}, so a burst of more than 40 a minute is read in order, not skipped),
     * each page handed to {@code sink} before the place moves on (a sink that fails leaves it where
     * it was). Statuses dated outside the last hour or more than 5 minutes ahead are left out.
     */
    public synchronized void poll(java.util.function.Consumer<List<SocialService.Incoming>> sink) {
        Instant now = clock.instant();
        if (resumeAt != null && now.isBefore(resumeAt)) {
            return;
        }
        var seen = new java.util.HashSet<String>(); // one status under two tags is one post
        for (String tag : tags) {
            for (int page = 0; page < PAGES; page++) {
                String after = since.get(tag);
                URI uri = URI.create(instance.toString().replaceAll("/+$", "") + "/api/v1/timelines/tag/"
                        + URLEncoder.encode(tag, StandardCharsets.UTF_8).replace("+", "%20") + "?limit=40"
                        + (after == null ? "" : "&min_id=" + URLEncoder.encode(after, StandardCharsets.UTF_8)));
                HttpProbe.Fetched f;
                try {
                    f = http.fetch(new HttpProbe.Request(
                            uri,
                            "GET",
                            Map.of(
                                    "Accept",
                                    "application/json",
                                    "User-Agent",
                                    "epicenter-social (+https://github.com/epicenter)"),
                            Duration.ofSeconds(10),
                            3,
                            MAX_BODY));
                } catch (HttpProbe.FetchException e) {
                    failed(now, uri + ": " + e.getMessage());
                    return;
                }
                if (f.status() != 200 || f.truncated()) {
                    failed(now, uri + ": " + (f.truncated() ? "larger than 2 MB" : "HTTP " + f.status()));
                    return;
                }
                List<Status> statuses;
                try {
                    statuses = parse(instance.getHost(), f.body());
                } catch (IllegalArgumentException e) {
                    failed(now, uri + ": " + e.getMessage());
                    return;
                }
                String newest = after;
                var posts = new ArrayList<SocialService.Incoming>();
                for (Status st : statuses) {
                    var p = st.post();
                    if (!p.at().isBefore(now.minus(Duration.ofHours(1)))
                            && !p.at().isAfter(now.plus(Duration.ofMinutes(5)))
                            && seen.add(p.id())) {
                        posts.add(p);
                    }
                    if (newer(st.localId(), newest)) {
                        newest = st.localId();
                    }
                }
                posts.sort(java.util.Comparator.comparing(SocialService.Incoming::at));
                sink.accept(posts); // may throw: the place does not move
                if (newest != null) {
                    since.put(tag, newest);
                }
                if (after == null || statuses.size() < 40) {
                    break; // the first read takes the newest page only; a short page is the end
                }
            }
        }
        failures = 0;
        resumeAt = null;
    }

    private void failed(Instant now, String why) {
        failures++;
        Duration wait = Duration.ofMinutes(1).multipliedBy(1L << Math.min(failures - 1, 5));
        resumeAt = now.plus(wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait);
        LOG.warn("{} failed ({} in a row; next try at {}): {}", source, failures, resumeAt, why);
    }

    /** Mastodon ids are decimal strings that grow with time: longer is newer, then by characters. */
    static boolean newer(String id, String than) {
        if (than == null) {
            return true;
        }
        return id.length() != than.length() ? id.length() > than.length() : id.compareTo(than) > 0;
    }

    /**
     * A page of statuses: a JSON array of objects with {@code id}, {@code created_at},
     * {@code content} (HTML), {@code url} and {@code account} ({@code acct}, {@code created_at}).
     * Boosts and statuses missing a field are skipped; anything but an array is refused.
     */
    static List<Status> parse(String instanceHost, byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not JSON");
        }
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException("not a list of statuses");
        }
        var out = new ArrayList<Status>();
        for (JsonNode s : root) {
            if (!s.isObject() || (s.hasNonNull("reblog"))) {
                continue;
            }
            String id = s.path("id").asText("");
            String content = s.path("content").asText(null);
            String acct = s.path("account").path("acct").asText("");
            if (!id.matches("[0-9A-Za-z_-]{1,64}")
                    || content == null
                    || !acct.matches("[A-Za-z0-9_.-]{1,64}(@[A-Za-z0-9.-]{1,200})?")) {
                continue;
            }
            Instant at;
            Instant accountSince = null;
            try {
                at = Instant.parse(s.path("created_at").asText(""));
                if (s.path("account").path("created_at").isTextual()) {
                    accountSince =
                            Instant.parse(s.path("account").path("created_at").asText());
                }
            } catch (java.time.format.DateTimeParseException e) {
                continue;
            }
            // one person and one post, whichever instance it was read on: user@home, and the post's own URI
            String author = (acct.contains("@") ? acct : acct + "@" + instanceHost).toLowerCase(java.util.Locale.ROOT);
            String uri = s.path("uri").asText("");
            URI origin = null;
            try {
                origin = uri.startsWith("https://") || uri.startsWith("http://") ? URI.create(uri) : null;
            } catch (IllegalArgumentException e) {
                origin = null;
            }
            String postId =
                    origin != null && origin.getHost() != null && uri.length() <= 500 ? uri : instanceHost + ":" + id;
            String url = s.path("url").asText(null);
            String link = null;
            try {
                URI u = url == null ? null : URI.create(url);
                // a link only to the server the post comes from: a hostile instance cannot point the page elsewhere
                if (u != null
                        && ("https".equals(u.getScheme()) || "http".equals(u.getScheme()))
                        && url.length() <= 500
                        && u.getHost() != null
                        && u.getHost().equalsIgnoreCase(origin == null ? instanceHost : origin.getHost())) {
                    link = url;
                }
            } catch (IllegalArgumentException e) {
                link = null;
            }
            String text = text(content);
            if (text.length() > org.epicenter.social.PostLine.MAX_TEXT) {
                text = text.substring(0, org.epicenter.social.PostLine.MAX_TEXT);
            }
            out.add(new Status(
                    id, new SocialService.Incoming("fediverse", postId, at, text, author, link, accountSince)));
        }
        return out;
    }

    /** A status's HTML as its text: line breaks as spaces, tags dropped, entities read. */
    static String text(String html) {
        String t = TAG.matcher(BREAK.matcher(html).replaceAll(" ")).replaceAll("");
        var m = ENTITY.matcher(t);
        var sb = new StringBuilder();
        while (m.find()) {
            String e = m.group(1);
            String r = switch (e) {
                case "amp" -> "&";
                case "lt" -> "<";
                case "gt" -> ">";
                case "quot" -> "\"";
                case "apos" -> "'";
                case "nbsp" -> " ";
                default -> {
                    try {
                        int cp = e.startsWith("#x") || e.startsWith("#X")
                                ? Integer.parseInt(e.substring(2), 16)
                                : Integer.parseInt(e.substring(1));
                        yield Character.isValidCodePoint(cp) ? new String(Character.toChars(cp)) : "";
                    } catch (NumberFormatException x) {
                        yield "";
                    }
                }
            };
            m.appendReplacement(sb, java.util.regex.Matcher.quoteReplacement(r));
        }
        m.appendTail(sb);
        return CONTROL.matcher(sb).replaceAll("").strip();
    }
}
