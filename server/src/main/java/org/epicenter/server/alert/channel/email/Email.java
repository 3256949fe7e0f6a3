package org.epicenter.server.alert.channel.email;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.regex.Pattern;
import org.epicenter.alert.Subscription;
import org.epicenter.server.alert.Channel;
import org.epicenter.server.alert.Mailer;
import org.epicenter.server.alert.channel.ChannelType;
import org.epicenter.server.alert.channel.HttpPost;
import org.epicenter.server.alert.channel.Outbound;

/**
 * Email alerts through the server's {@link Mailer} (only with SMTP settings). The notification's
 * key becomes the {@code Message-ID}, so a mail sent again after a restart is the same message to a
 * mail system that keeps ids.
 */
public final class Email implements ChannelType {
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s,;<>\"]{1,64}@[A-Za-z0-9.-]{1,253}\\.[A-Za-z]{2,63}");

    @Override
    public String name() {
        return "email";
    }

    @Override
    public void check(Subscription s) {
        if (s.to() == null || !ADDRESS.matcher(s.to()).matches()) {
            throw new IllegalArgumentException(
                    "to: an email address is required, got " + (s.to() == null ? "nothing" : "\"" + s.to() + "\""));
        }
    }

    @Override
    public Channel open(Outbound outbound) {
        return outbound.mailer() == null ? null : sender(outbound.mailer());
    }

    /** The adapter over one mailer. */
    public static Channel sender(Mailer mailer) {
        return (to, key, payload, body) -> {
            String kind = payload.path("kind").asText();
            String subject =
                    (kind.equals("resolved") ? "[Resolved] " : kind.equals("firing") ? "[Epicenter] " : "[Update] ")
                            + payload.path("title").asText();
            String text = HttpPost.line(payload) + "\n\nServices: " + join(payload.path("services"))
                    + "\nCountries: " + join(payload.path("countries"))
                    + "\nStarted: " + payload.path("start").asText()
                    + (payload.path("end").isNull()
                            ? ""
                            : "\nEnded: " + payload.path("end").asText())
                    + "\n";
            return mailer.send(to.to(), subject, text, key, Map.of("X-Epicenter-Key", key));
        };
    }

    private static String join(JsonNode list) {
        var out = new StringBuilder();
        list.forEach(n -> out.append(out.isEmpty() ? "" : ", ").append(n.asText()));
        return out.toString();
    }
}
