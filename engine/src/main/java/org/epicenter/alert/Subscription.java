package org.epicenter.alert;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Who is told about what. Filters narrow what matches: each filter that is not empty must match
 * (services, providers, categories, countries), and any value within one filter will do. With no
 * filter at all, everything matches.
 *
 * @param channel   the adapter's name (webhook, email, slack...; the server's channel registry checks
 *                  the name and the fields that channel needs)
 * @param url       webhook, Slack, Discord, Teams and ntfy: where to POST; Telegram: the Bot API base (optional)
 * @param secret    webhook: the HMAC-SHA256 key of the signature header; Telegram: the bot token
 * @param to        email: the recipient
 * @param chatId    Telegram: the chat
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Subscription(
        @JsonProperty(required = true) String id,
        @JsonProperty(required = true) String channel,
        String url,
        String secret,
        String to,
        String chatId,
        List<String> services,
        List<String> providers,
        List<String> categories,
        List<String> countries) {

    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

    public Subscription {
        if (id == null || id.length() > 64 || !SLUG.matcher(id).matches()) {
            throw new IllegalArgumentException("id: a lowercase slug of at most 64 characters is required, got "
                    + (id == null ? "nothing" : "\"" + id + "\""));
        }
        if (channel == null || channel.length() > 32 || !SLUG.matcher(channel).matches()) {
            throw new IllegalArgumentException(
                    "channel: required, the name of a channel (webhook, email, slack, discord,"
                            + " teams, telegram, ntfy); got " + (channel == null ? "nothing" : "\"" + channel + "\""));
        }
        services = list("services", services, SLUG);
        providers = list("providers", providers, SLUG);
        categories = list("categories", categories, SLUG);
        countries = list("countries", countries, COUNTRY);
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
