package org.epicenter.server.alert.channel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.epicenter.alert.Subscription;
import org.epicenter.server.alert.Channel;
import org.epicenter.server.alert.channel.discord.Discord;
import org.epicenter.server.alert.channel.email.Email;
import org.epicenter.server.alert.channel.ntfy.Ntfy;
import org.epicenter.server.alert.channel.slack.Slack;
import org.epicenter.server.alert.channel.teams.Teams;
import org.epicenter.server.alert.channel.telegram.Telegram;
import org.epicenter.server.alert.channel.webhook.Webhook;

/** The registry of alert channels: adding one is a folder beside these and a line here. */
public final class Channels {
    public static final List<ChannelType> ALL =
            List.of(new Webhook(), new Email(), new Slack(), new Discord(), new Teams(), new Telegram(), new Ntfy());

    private Channels() {}

    /** Every channel's name, in the registry's order. */
    public static List<String> names() {
        return ALL.stream().map(ChannelType::name).toList();
    }

    /**
     * Checks a subscription against its channel; throws {@link IllegalArgumentException} naming the
     * field for an unknown channel or a missing or malformed field.
     */
    public static Subscription check(Subscription s) {
        type(s.channel()).check(s);
        return s;
    }

    private static ChannelType type(String name) {
        for (ChannelType t : ALL) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("channel: unknown channel \"" + name + "\" (expected "
                + ALL.stream().map(ChannelType::name).collect(Collectors.joining(", ")) + ")");
    }

    /** The adapters this server can use, by name (email only with SMTP settings). */
    public static Map<String, Channel> open(Outbound outbound) {
        var out = new LinkedHashMap<String, Channel>();
        for (ChannelType t : ALL) {
            Channel c = t.open(outbound);
            if (c != null) {
                out.put(t.name(), c);
            }
        }
        return out;
    }
}
