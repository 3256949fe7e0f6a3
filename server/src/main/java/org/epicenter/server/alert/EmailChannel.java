package org.epicenter.server.alert;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.epicenter.alert.Subscription;

/**
 * Email alerts through a {@link Mailer}. The notification's key becomes the {@code Message-ID}, so a
 * mail sent again after a restart is the same message to a mail system that keeps ids.
 */
public final class EmailChannel implements Channel {
    private final Mailer mailer;

    public EmailChannel(Mailer mailer) {
        this.mailer = mailer;
    }

    @Override
    public Outcome send(Subscription to, String key, JsonNode payload, byte[] body) {
        String kind = payload.path("kind").asText();
        String subject =
                (kind.equals("resolved") ? "[Resolved] " : kind.equals("firing") ? "[Epicenter] " : "[Update] ")
                        + payload.path("title").asText();
        String text = HttpChannels.line(payload) + "\n\nServices: " + join(payload.path("services")) + "\nCountries: "
                + join(payload.path("countries"))
                + "\nStarted: " + payload.path("start").asText()
                + (payload.path("end").isNull()
                        ? ""
                        : "\nEnded: " + payload.path("end").asText())
                + "\n";
        return mailer.send(to.to(), subject, text, key, Map.of("X-Epicenter-Key", key));
    }

    private static String join(JsonNode list) {
        var out = new StringBuilder();
        list.forEach(n -> out.append(out.isEmpty() ? "" : ", ").append(n.asText()));
        return out.toString();
    }
}
