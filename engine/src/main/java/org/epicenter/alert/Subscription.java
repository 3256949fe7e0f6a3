package org.epicenter.alert;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Who is told about what. Filters narrow what matches: each filter that is not empty must match
 * (services, providers, categories, countries), and any value within one filter will do. With no
 * filter at all, everything matches.
 *
 * @param channel   the kind of adapter
 * @param url       webhook, Slack, Discord, Teams and ntfy: where to POST; Telegram: the Bot API base (optional)
 * @param secret    webhook: the HMAC-SHA256 key of the signature header; Telegram: the bot token
 * @param to        email: the recipient
 * @param chatId    Telegram: the chat
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Subscription(
        @JsonProperty(required = true) String id,
        @JsonProperty(required = true) ChannelKind channel,
        String url,
        String secret,
        String to,
        String chatId,
        List<String> services,
        List<String> providers,
        List<String> categories,
        List<String> countries) {

    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s,;<>\"]{1,64}@[A-Za-z0-9.-]{1,253}\\.[A-Za-z]{2,63}");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

    public Subscription {
        if (id == null || id.length() > 64 || !SLUG.matcher(id).matches()) {
            throw new IllegalArgumentException("id: a lowercase slug of at most 64 characters is required, got "
                    + (id == null ? "nothing" : "\"" + id + "\""));
        }
        if (channel == null) {
            throw new IllegalArgumentException(
                    "channel: required (webhook, email, slack, discord, teams, telegram, ntfy)");
        }
        switch (channel) {
            case WEBHOOK, SLACK, DISCORD, TEAMS, NTFY -> url("url", url, true);
            case TELEGRAM -> {
                url("url", url, false);
                if (secret == null || !secret.matches("\\d{3,20}:[A-Za-z0-9_-]{20,100}")) {
                    throw new IllegalArgumentException("secret: a Telegram bot token (123456:ABC...) is required");
                }
                if (chatId == null || !chatId.matches("-?\\d{1,20}|@[A-Za-z0-9_]{5,64}")) {
                    throw new IllegalArgumentException(
                            "chatId: a Telegram chat id (-100123...) or @channel is required");
                }
            }
            case EMAIL -> {
                if (to == null || !EMAIL.matcher(to).matches()) {
                    throw new IllegalArgumentException(
                            "to: an email address is required, got " + (to == null ? "nothing" : "\"" + to + "\""));
                }
            }
        }
        if (channel == ChannelKind.WEBHOOK && secret != null && secret.length() < 16) {
            throw new IllegalArgumentException("secret: at least 16 characters for the webhook signature");
        }
        services = list("services", services, SLUG);
        providers = list("providers", providers, SLUG);
        categories = list("categories", categories, SLUG);
        countries = list("countries", countries, COUNTRY);
    }

    private static void url(String field, String value, boolean required) {
        if (value == null) {
            if (required) {
                throw new IllegalArgumentException(field + ": required for this channel");
            }
            return;
        }
        try {
            URI u = new URI(value);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || u.getHost() == null) {
                throw new IllegalArgumentException(
                        field + ": an http:// or https:// URL is required, got \"" + value + "\"");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(field + ": \"" + value + "\" is not a URL: " + e.getReason());
        }
    }

    private static List<String> list(String field, List<String> values, Pattern shape) {
        if (values == null) {
            return List.of();
        }
        if (values.size() > 200) {
            throw new IllegalArgumentException(field + ": at most 200 values");
        }
        for (String v : values) {
            if (v == null || !shape.matcher(v).matches()) {
                throw new IllegalArgumentException(field + ": \"" + v + "\" is not a valid value");
            }
        }
        return List.copyOf(values);
    }

    /** True when the alert passes every filter this subscription sets. */
    public boolean matches(Alert alert) {
        return (services.isEmpty() || alert.services().stream().anyMatch(services::contains))
                && (providers.isEmpty() || alert.provider() != null && providers.contains(alert.provider()))
                && (categories.isEmpty() || alert.categories().stream().anyMatch(categories::contains))
                && (countries.isEmpty() || alert.countries().stream().anyMatch(countries::contains));
    }

    /** The subscription as listings show it: the secret is never given back. */
    public java.util.Map<String, Object> redacted() {
        var m = new java.util.LinkedHashMap<String, Object>();
        m.put("id", id);
        m.put("channel", channel);
        if (url != null) {
            m.put("url", url);
        }
        m.put("secret", secret == null ? null : "********");
        if (to != null) {
            m.put("to", to);
        }
        if (chatId != null) {
            m.put("chatId", chatId);
        }
        m.put("services", services);
        m.put("providers", providers);
        m.put("categories", categories);
        m.put("countries", countries);
        return m;
    }
}
