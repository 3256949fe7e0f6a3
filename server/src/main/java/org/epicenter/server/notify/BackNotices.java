package org.epicenter.server.notify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.epicenter.catalog.Catalog;
import org.epicenter.catalog.CatalogEntry;
import org.epicenter.detect.DetectedIncident;
import org.epicenter.detect.IncidentRules;
import org.epicenter.server.IncidentBook;
import org.epicenter.server.Metrics;
import org.epicenter.server.alert.Channel;
import org.epicenter.server.alert.Mailer;
import org.epicenter.store.NoticeStore;
import org.epicenter.store.NoticeStore.Notice;
import org.epicenter.store.SecretStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Tell me when it is back": a visitor leaves an address on the page of a service that is failing,
 * confirms it from the mail that arrives (double opt-in: nothing else is ever sent to an address
 * that did not confirm), and gets one mail when the outage is over. The links carry the notice's id
 * and a keyed hash of it, so nothing secret is stored beside the address; the address is deleted
 * with its notice 30 days after it was asked.
 *
 * <p>"Over" means what the alerts mean by resolved: no confirmed incident of the service (nor a
 * common cause it is the provider of) and no suspicion still going on, {@link #HOLD} after the last
 * one ended (an outage that flaps reopens within that time, and a visitor should not read "back"
 * and then the same outage again).
 *
 * <p>Against abuse (this form sends mail to any address typed into it): one open notice per address
 * and service, {@link #PER_ADDRESS_PER_DAY} per address a day, {@link #PER_HOUR} from everyone in
 * an hour, and the caller's own per-network limit.
 */
public final class BackNotices implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BackNotices.class);
    public static final Duration CONFIRM_WITHIN = Duration.ofDays(1);
    public static final Duration WATCH_FOR = Duration.ofDays(7);
    public static final Duration KEEP = Duration.ofDays(30);
    /**
     * How long after the end "back" waits: the 20 minutes in which an incident may reopen, and 5 more
     * for a burst that starts at minute 19 to be at least a suspicion (found by review: a flap that
     * came back within the hold was told as "back", and its reopened outage never).
     */
    public static final Duration HOLD =
            Duration.ofMinutes(IncidentRules.defaults().reopenWithin() + 5L);

    public static final int PER_ADDRESS_PER_DAY = 3;
    public static final int PER_HOUR = 1_000;
    static final int MAX_ATTEMPTS = 8;
    /** Notices of a state read per tick: a week of the hourly cap. */
    static final int MAX_WATCHED = PER_HOUR * 24 * 8;
    /**
     * An address as people type it, in ASCII only: a local part of RFC 5322's "atext" characters in
     * dot-separated runs, and a dotted domain. ASCII only because SMTP without SMTPUTF8 writes each
     * character's low byte: found by review, U+010D U+010A became CR LF in the envelope (commands
     * injected into the SMTP session). IDN domains are refused rather than converted.
     */
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*\\.[A-Za-z]{2,63}");

    private static final DateTimeFormatter HHMM =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final NoticeStore store;
    private final IncidentBook book;
    private final Supplier<Catalog> catalog;
    private final Mailer mailer;
    private final String baseUrl;
    private final Clock clock;
    private final Metrics metrics;
    private final byte[] key;
    private final ExecutorService senders = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("notice-", 0).factory());
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    /** @param mailer null when the server has no SMTP settings: every request is then refused with 501 */
    public BackNotices(
            NoticeStore store,
            SecretStore secrets,
            IncidentBook book,
            Supplier<Catalog> catalog,
            Mailer mailer,
            String baseUrl,
            Clock clock,
            Metrics metrics) {
        this.store = store;
        this.book = book;
        this.catalog = catalog;
        this.mailer = mailer;
        this.baseUrl = baseUrl == null ? "" : baseUrl.replaceAll("/+$", "");
        this.clock = clock;
        this.metrics = metrics;
        String k = secrets.setting("notice-key").orElse(null);
        if (k == null) {
            byte[] fresh = new byte[32];
            RANDOM.nextBytes(fresh);
            secrets.putSetting("notice-key", HexFormat.of().formatHex(fresh));
            k = secrets.setting("notice-key").orElseThrow();
        }
        this.key = HexFormat.of().parseHex(k);
    }

    public boolean enabled() {
        return mailer != null;
    }

    /** The link token of a notice: a keyed hash of its id, 22 characters of base64url. */
    String token(String id) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] h = mac.doFinal(("notice:" + id).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(h).substring(0, 22);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /**
     * Checks a request without counting it: the address (trimmed), or a NoticeRefused: 501 without
     * SMTP, 400 for a bad address or language, 404 for an unknown service, 409 when the service has
     * no current problems. A caller charges its rate limit only for requests that pass.
     */
    public String validate(String service, String email, String lang) {
        if (mailer == null) {
            throw new NoticeRefused(501, "not_configured", null, "this server does not send email (no SMTP settings)");
        }
        if (catalog.get().find(service).isEmpty()) {
            throw new NoticeRefused(404, "not_found", null, "no service \"" + service + "\" in the catalog");
        }
        String address = email == null ? null : email.strip();
        if (address == null || address.isEmpty()) {
            throw new NoticeRefused(400, "invalid", "email", "email is required");
        }
        if (address.length() > 254
                || address.indexOf('@') > 64
                || !EMAIL.matcher(address).matches()) {
            throw new NoticeRefused(
                    400, "invalid", "email", "email is not an address (name@example.com, in ASCII letters)");
        }
        try {
            new jakarta.mail.internet.InternetAddress(address, true)
                    .validate(); // what the mailer will send to, checked now
        } catch (jakarta.mail.internet.AddressException e) {
            throw new NoticeRefused(400, "invalid", "email", "email is not an address: " + e.getMessage());
        }
        if (lang != null && !lang.equals("en") && !lang.equals("ar")) {
            throw new NoticeRefused(400, "invalid", "lang", "lang must be en or ar");
        }
        if (troubleSince(service, true).isEmpty()) {
            throw new NoticeRefused(
                    409,
                    "no_outage",
                    null,
                    "\"" + service + "\" has no current problems: there is nothing to be told about");
        }
        return address;
    }

    /**
     * Asks for one mail when {@code service} is back, and queues the confirmation mail. Checked as
     * {@link #validate} does, then against the limits, in one step with the insert (parallel requests
     * cannot pass a limit together).
     *
     * @throws NoticeRefused as {@link #validate}, and 429 past a limit
     */
    public Notice ask(String service, String email, String lang) {
        String address = validate(service, email, lang);
        synchronized (this) {
            Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
            Instant since = troubleSince(service, true)
                    .orElseThrow(() -> new NoticeRefused(
                            409,
                            "no_outage",
                            null,
                            "\"" + service + "\" has no current problems: there is nothing to be told about"));
            String emailKey = inbox(address);
            if (store.countByAddressSince(emailKey, now.minus(Duration.ofDays(1))) >= PER_ADDRESS_PER_DAY) {
                throw new NoticeRefused(
                        429,
                        "rate_limited",
                        "email",
                        "this address was given " + PER_ADDRESS_PER_DAY + " times today; try again tomorrow");
            }
            if (store.countSince(now.minus(Duration.ofHours(1))) >= PER_HOUR) {
                throw new NoticeRefused(
                        429,
                        "rate_limited",
                        null,
                        "too many requests for notices on this server this hour; try again later");
            }
            byte[] raw = new byte[12];
            RANDOM.nextBytes(raw);
            String id = HexFormat.of().formatHex(raw);
            Notice asked = store.add(new Notice(
                    id,
                    service,
                    address,
                    emailKey,
                    lang == null ? "en" : lang,
                    "unconfirmed",
                    now,
                    since,
                    null,
                    "confirm",
                    0,
                    now,
                    null,
                    null));
            if (asked.id().equals(id)) {
                metrics.notice("asked");
                senders.execute(this::dispatchDue);
            }
            return asked;
        }
    }

    /**
     * The inbox an address reaches, for the per-address limit: lowercase, without a "+tag" (most
     * providers deliver name+anything to name), and for Gmail without dots. Found by review: a
     * thousand victim+N@gmail.com addresses each counted as new.
     */
    static String inbox(String address) {
        String a = address.toLowerCase(Locale.ROOT);
        int at = a.lastIndexOf('@');
        String local = a.substring(0, at);
        String domain = a.substring(at + 1);
        int plus = local.indexOf('+');
        if (plus > 0) {
            local = local.substring(0, plus);
        }
        if (domain.equals("gmail.com") || domain.equals("googlemail.com")) {
            local = local.replace(".", "");
            domain = "gmail.com";
        }
        return local + "@" + domain;
    }

    /** The notice behind a link, or empty when the id is unknown or the token is not its own. */
    public Optional<Notice> find(String id, String token) {
        if (id == null || token == null || !id.matches("[0-9a-f]{24}") || token.length() != 22) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(
                token(id).getBytes(StandardCharsets.US_ASCII), token.getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        return store.notice(id);
    }

    private Notice found(String id, String token) {
        return find(id, token)
                .orElseThrow(() -> new NoticeRefused(
                        404, "not_found", null, "no such notice (the link is wrong, or over 30 days old)"));
    }

    /** Follows the link of the confirmation mail: the notice watches from now on. Confirming twice is harmless. */
    public synchronized Notice confirm(String id, String token) {
        Notice n = found(id, token);
        switch (n.state()) {
            case "watching", "told" -> {
                return n;
            }
            case "unconfirmed" -> {
                Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
                if (now.isAfter(n.created().plus(CONFIRM_WITHIN))) {
                    expire(n);
                    throw new NoticeRefused(
                            410,
                            "expired",
                            null,
                            "this link was not confirmed within a day and has expired; ask again on the service's page");
                }
                // a confirmation mail still being retried is not needed any more
                Notice watching = n.confirmedAt(now).with("watching", null, 0, now, null, n.sent());
                if (!store.update(watching, "unconfirmed")) {
                    return store.notice(id).orElse(watching); // confirmed or stopped elsewhere meanwhile
                }
                metrics.notice("confirmed");
                return watching;
            }
            case "expired" ->
                throw new NoticeRefused(
                        410, "expired", null, "this notice has expired; ask again on the service's page");
            default ->
                throw new NoticeRefused(
                        409, "finished", null, "this notice was " + n.state() + "; ask again on the service's page");
        }
    }

    /** Stops a notice: no mail is sent for it any more. Stopping twice is harmless. */
    public synchronized Notice stop(String id, String token) {
        Notice n = found(id, token);
        if (n.state().equals("unconfirmed") || n.state().equals("watching")) {
            Notice stopped = n.with("stopped", null, n.attempts(), n.nextAttempt(), null, n.sent());
            if (!store.update(stopped, n.state())) {
                return stop(id, token); // changed elsewhere since it was read: read it again
            }
            metrics.notice("stopped");
            return stopped;
        }
        return n;
    }

    private void expire(Notice n) {
        store.update(n.with("expired", null, n.attempts(), n.nextAttempt(), null, n.sent()), n.state());
        metrics.notice("expired");
    }

    /**
     * When the service's current trouble began: its earliest ongoing incident, or a cause it is the
     * provider of. With {@code confirmedOnly}, suspicions do not count (a notice is offered for an
     * outage, not a rumour); without, they do (an outage that may be reopening is not "back").
     */
    public Optional<Instant> troubleSince(String service, boolean confirmedOnly) {
        Trouble t = trouble(service);
        return Optional.ofNullable(confirmedOnly ? t.confirmedSince() : t.since());
    }

    /**
     * What the incident book says of one service, in one pass over its fused incidents (not the
     * views, which also read the feeds) and its causes.
     *
     * @param since          the earliest start of what is open, suspicions included; null if nothing is
     * @param confirmedSince the same without suspicions
     * @param lastEnd        the latest end of what has ended; null if nothing has
     */
    private record Trouble(Instant since, Instant confirmedSince, Instant lastEnd) {}

    private Trouble trouble(String service) {
        Instant since = null;
        Instant confirmedSince = null;
        Instant lastEnd = null;
        for (DetectedIncident i : book.incidents()) {
            if (!i.service().equals(service)) {
                continue;
            }
            if (i.end() != null) {
                lastEnd = later(lastEnd, i.end());
            } else {
                since = earlier(since, i.start());
                if (i.confirmed() != null) {
                    confirmedSince = earlier(confirmedSince, i.start());
                }
            }
        }
        for (IncidentBook.CauseView c : book.causes()) {
            if (!c.cause().provider().equals(service)) {
                continue;
            }
            if (c.cause().end() != null) {
                lastEnd = later(lastEnd, c.cause().end());
            } else {
                since = earlier(since, c.cause().start());
                confirmedSince = earlier(confirmedSince, c.cause().start());
            }
        }
        return new Trouble(since, confirmedSince, lastEnd);
    }

    private static Instant earlier(Instant a, Instant b) {
        return a == null || b.isBefore(a) ? b : a;
    }

    private static Instant later(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }

    /**
     * When the service's trouble ended, if it did: none going on (suspicions included), and the last
     * end after {@code since}; when nothing it had has an end (the cause was withdrawn), the first
     * time this process saw it clear.
     */
    Optional<Instant> backSince(String service, Instant since) {
        Trouble t = trouble(service);
        if (t.since() != null) {
            clearSince.remove(service);
            return Optional.empty();
        }
        if (t.lastEnd() != null && t.lastEnd().isAfter(since)) {
            return Optional.of(t.lastEnd());
        }
        return Optional.of(clearSince.computeIfAbsent(service, k -> clock.instant()));
    }

    private final Map<String, Instant> clearSince = new ConcurrentHashMap<>();

    /** Every 10 s: watching notices whose service is back get their mail queued; stale ones expire. */
    public void tick(Instant now) {
        if (mailer == null) {
            return;
        }
        synchronized (this) { // one writer of states at a time: a stop or confirm is never overwritten by a stale read
            for (Notice n : store.inState("unconfirmed", MAX_WATCHED)) {
                if (now.isAfter(n.created().plus(CONFIRM_WITHIN))) {
                    expire(n);
                }
            }
            var back = new HashMap<String, Optional<Instant>>();
            for (Notice n : store.inState("watching", MAX_WATCHED)) {
                if (n.mail() != null) {
                    continue; // its mail is queued already
                }
                if (now.isAfter(n.confirmed().plus(WATCH_FOR))) {
                    expire(n);
                    continue;
                }
                Optional<Instant> at =
                        back.computeIfAbsent(n.service() + "@" + n.since(), k -> backSince(n.service(), n.since()));
                if (at.isPresent() && !now.isBefore(at.get().plus(HOLD))) {
                    store.update(n.with("watching", "back", 0, now, null, n.sent()), "watching");
                }
            }
        }
        dispatchDue();
    }

    /** Deletes notices (and their addresses) asked for more than {@link #KEEP} ago. */
    public void prune(Instant now) {
        store.deleteBefore(now.minus(KEEP));
    }

    /** Sends every mail due now, each on its own virtual thread. */
    private volatile java.util.function.BooleanSupplier sender = () -> true;

    /** In cluster mode only the node holding the report log's partition 0 sends notices' mail. */
    public void sendWhen(java.util.function.BooleanSupplier condition) {
        this.sender = condition;
    }

    public void dispatchDue() {
        if (!sender.getAsBoolean()) {
            return; // another node sends; this one's requests wait in the store for it
        }
        if (mailer == null) {
            return;
        }
        for (Notice n : store.mailDue(clock.instant(), 200)) {
            if (!inFlight.add(n.id())) {
                continue;
            }
            senders.execute(() -> {
                try {
                    attempt(n.id());
                } catch (RuntimeException e) {
                    LOG.warn("notice {}: sending failed; will retry", n.id(), e);
                } finally {
                    inFlight.remove(n.id());
                }
            });
        }
    }

    private void attempt(String id) {
        Notice n = store.notice(id).orElse(null); // as it is now: confirmed or stopped since it was listed
        Instant now = clock.instant();
        if (n == null || n.mail() == null || n.nextAttempt().isAfter(now)) {
            return;
        }
        Optional<Instant> backAt = n.mail().equals("back") ? backSince(n.service(), n.since()) : Optional.empty();
        if (n.mail().equals("back")
                && (backAt.isEmpty() || now.isBefore(backAt.get().plus(HOLD)))) {
            // trouble again since the mail was queued (a retry waited while the outage came back): keep watching
            synchronized (this) {
                store.notice(id)
                        .filter(x -> "back".equals(x.mail()) && x.state().equals("watching"))
                        .ifPresent(x -> store.update(x.with("watching", null, 0, now, null, x.sent()), "watching"));
            }
            return;
        }
        Mail m = n.mail().equals("confirm") ? confirmation(n) : back(n, backAt.orElseThrow());
        Channel.Outcome outcome = mailer.send(
                n.email(),
                m.subject(),
                m.text(),
                "notice:" + n.id() + ":" + n.mail(),
                Map.of(
                        // a page for a GET (a mail client without one-click opens it); a POST to it stops at once (RFC
                        // 8058)
                        "List-Unsubscribe",
                        "<" + baseUrl + "/n/" + n.id() + "/" + token(n.id()) + "/stop>",
                        "List-Unsubscribe-Post",
                        "List-Unsubscribe=One-Click",
                        "Auto-Submitted",
                        "auto-generated",
                        "Content-Language",
                        n.lang()));
        Instant after = clock.instant();
        int attempts = n.attempts() + 1;
        synchronized (this) {
            recordAttempt(id, n, outcome, attempts, after);
        }
    }

    private void recordAttempt(String id, Notice n, Channel.Outcome outcome, int attempts, Instant after) {
        Notice latest =
                store.notice(id).orElse(n); // a confirmation or a stop may have come in while the mail was on its way
        if (latest.state().equals("stopped")) {
            return;
        }
        if (outcome.ok()) {
            store.update(
                    latest.with(n.mail().equals("back") ? "told" : latest.state(), null, attempts, after, null, after),
                    latest.state());
            metrics.notice(n.mail() + ".sent");
        } else if (outcome.retryable()
                && attempts < MAX_ATTEMPTS
                && after.isBefore(n.nextAttempt().plus(Duration.ofDays(1)))) {
            long wait = Math.min(600, 30L << Math.min(attempts - 1, 5));
            store.update(
                    latest.with(
                            latest.state(),
                            latest.mail(),
                            attempts,
                            after.plusSeconds(wait),
                            outcome.error(),
                            latest.sent()),
                    latest.state());
            metrics.notice(n.mail() + ".retried");
        } else {
            store.update(latest.with("failed", null, attempts, after, outcome.error(), latest.sent()), latest.state());
            metrics.notice(n.mail() + ".failed");
            LOG.warn("notice {}: {} mail given up after {} attempts: {}", n.id(), n.mail(), attempts, outcome.error());
        }
    }

    record Mail(String subject, String text) {}

    private String nameOf(Notice n) {
        return catalog.get()
                .find(n.service())
                .map(CatalogEntry::name)
                .map(x -> n.lang().equals("ar") ? x.ar() : x.en())
                .orElse(n.service());
    }

    Mail confirmation(Notice n) {
        String name = nameOf(n);
        String link = baseUrl + "/n/" + n.id() + "/" + token(n.id()) + "?lang=" + n.lang();
        if (n.lang().equals("ar")) {
            return new Mail(
                    "تأكيد: أخبرني حين يعود " + name,
                    "طلب أحدهم (ونرجو أن تكون أنت) من إبيسنتر أن يرسل رسالة واحدة إلى هذا العنوان حين ينتهي عطل " + name
                            + ".\n\n"
                            + "للتأكيد افتح هذا الرابط واضغط «تأكيد»:\n" + link + "\n\n"
                            + "إن لم تكن أنت فتجاهل هذه الرسالة: لن يصلك شيء آخر، ويُحذف العنوان خلال 30 يومًا.\n");
        }
        return new Mail(
                "Confirm: tell me when " + name + " is back",
                "Someone (we hope you) asked Epicenter to send one email to this address when the outage of " + name
                        + " is over.\n\n"
                        + "To confirm, open this link and press Confirm:\n" + link + "\n\n"
                        + "If it was not you, ignore this mail: nothing more will be sent, and the address is deleted within 30 days.\n");
    }

    Mail back(Notice n, Instant end) {
        String name = nameOf(n);
        String page = baseUrl + "/s/" + n.service() + "?lang=" + n.lang();
        if (n.lang().equals("ar")) {
            return new Mail(
                    "عاد " + name + " إلى العمل",
                    "انتهى عطل " + name + ": عادت البلاغات إلى معدلها المعتاد منذ " + HHMM.format(end) + " UTC"
                            + " (بدأ العطل " + HHMM.format(n.since()) + " UTC).\n\n"
                            + "التفاصيل: " + page + "\n\n"
                            + "طلبتَ أن نخبرك مرة واحدة، وهذه هي الرسالة الوحيدة.\n");
        }
        return new Mail(
                name + " is working again",
                "The outage of " + name + " is over: reports have been back to normal since " + HHMM.format(end)
                        + " UTC"
                        + " (it began at " + HHMM.format(n.since()) + " UTC).\n\n"
                        + "Details: " + page + "\n\n"
                        + "You asked to be told once; this is the only mail.\n");
    }

    /** What the notice's page shows: never the whole address. */
    public static String masked(String email) {
        int at = email.lastIndexOf('@');
        String local = email.substring(0, at);
        return (local.isEmpty() ? "" : local.substring(0, local.offsetByCodePoints(0, 1))) + "***"
                + email.substring(at);
    }

    @Override
    public void close() {
        senders.shutdownNow();
        try { // a sender that has its answer records it before the store closes
            senders.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
