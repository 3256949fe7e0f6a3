package org.epicenter.server.alert;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.epicenter.alert.Silence;
import org.epicenter.alert.Subscription;

/**
 * Subscriptions and silences from a YAML file ({@code --alerts}), applied at start over what the
 * admin API stored (the file wins for the ids it names). A secret written {@code env:NAME} is read
 * from the environment, so the file itself can be shared. A bad file is refused with its line and field.
 *
 * <pre>
 * subscriptions:
 *   - {id: ops, channel: webhook, url: "https://hooks.example.com/epicenter", secret: "env:OPS_HOOK_SECRET"}
 *   - {id: payments, channel: email, to: payments@bank.example, categories: [payments, bank]}
 * silences:
 *   - {id: zoom-upgrade, services: [zoom], from: "2026-12-01T22:00:00Z", until: "2026-12-02T02:00:00Z"}
 * </pre>
 */
public record AlertConfig(List<Subscription> subscriptions, List<Silence> silences) {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public AlertConfig {
        subscriptions = subscriptions == null ? List.of() : List.copyOf(subscriptions);
        silences = silences == null ? List.of() : List.copyOf(silences);
    }

    /** A subscription as written: checked once its secret is read from the environment. */
    private record Written(
            String id,
            String channel,
            String url,
            String secret,
            String to,
            String chatId,
            List<String> services,
            List<String> providers,
            List<String> categories,
            List<String> countries) {}

    private record File(List<Written> subscriptions, List<Silence> silences) {}

    /** A bad alerts file: where and what. */
    public static final class Invalid extends IllegalArgumentException {
        public Invalid(String message) {
            super(message);
        }
    }

    public static AlertConfig load(Path file, Function<String, String> env) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new Invalid(file + ": file not found");
        } catch (IOException e) {
            throw new Invalid(file + ": cannot read: " + e.getMessage());
        }
        File raw;
        try {
            raw = YAML.readValue(text, File.class);
        } catch (UnrecognizedPropertyException e) {
            throw new Invalid(where(file, e) + "unknown key \"" + e.getPropertyName() + "\" (allowed: "
                    + e.getKnownPropertyIds().stream()
                            .map(Object::toString)
                            .sorted()
                            .collect(Collectors.joining(", ")) + ")");
        } catch (ValueInstantiationException e) {
            throw new Invalid(
                    where(file, e) + (e.getCause() != null ? e.getCause().getMessage() : e.getOriginalMessage()));
        } catch (JsonMappingException e) {
            throw new Invalid(
                    where(file, e) + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new Invalid(
                    file + ": not YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (raw == null) {
            return new AlertConfig(List.of(), List.of());
        }
        var subs = new ArrayList<Subscription>();
        for (Written s : raw.subscriptions() == null ? List.<Written>of() : raw.subscriptions()) {
            String secret = s.secret();
            if (secret != null && secret.startsWith("env:")) {
                String name = secret.substring(4);
                secret = env.apply(name);
                if (secret == null || secret.isBlank()) {
                    throw new Invalid(file + ": subscription " + s.id() + ": the environment variable " + name
                            + " for its secret is not set");
                }
            }
            try {
                subs.add(org.epicenter.server.alert.channel.Channels.check(new Subscription(
                        s.id(),
                        s.channel(),
                        s.url(),
                        secret,
                        s.to(),
                        s.chatId(),
                        s.services(),
                        s.providers(),
                        s.categories(),
                        s.countries())));
            } catch (IllegalArgumentException e) {
                throw new Invalid(
                        file + ": subscription " + (s.id() == null ? "(no id)" : s.id()) + ": " + e.getMessage());
            }
        }
        var ids = subs.stream().collect(Collectors.groupingBy(Subscription::id, Collectors.counting()));
        ids.entrySet().stream().filter(e -> e.getValue() > 1).findFirst().ifPresent(e -> {
            throw new Invalid(file + ": subscription " + e.getKey() + " is listed twice");
        });
        return new AlertConfig(subs, raw.silences() == null ? List.of() : raw.silences());
    }

    private static String where(Path file, JsonMappingException e) {
        JsonLocation at = e.getLocation();
        String path = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
        return file + (at == null ? "" : " line " + at.getLineNr()) + (path.isEmpty() ? "" : ", " + path) + ": ";
    }
}
