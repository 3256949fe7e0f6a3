package org.epicenter.server.alert.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import org.epicenter.alert.Subscription;
import org.junit.jupiter.api.Test;

/** The registry: names are unique, unknown ones are refused with the list, docs/alerts.md names every channel. */
class ChannelsTest {
    @Test
    void everyChannelHasOneNameAndItsOwnFolder() {
        assertThat(new HashSet<>(Channels.names())).hasSameSizeAs(Channels.names());
        for (ChannelType t : Channels.ALL) {
            assertThat(t.getClass().getPackageName())
                    .as(t.name())
                    .isEqualTo("org.epicenter.server.alert.channel." + t.name());
        }
    }

    @Test
    void anUnknownChannelIsRefusedWithTheKnownOnes() {
        var s = new Subscription("ops", "pager", "https://x.example", null, null, null, null, null, null, null);
        assertThatThrownBy(() -> Channels.check(s))
                .hasMessage("channel: unknown channel \"pager\" (expected webhook, email, slack, discord, teams,"
                        + " telegram, ntfy)");
    }

    @Test
    void theChatChannelsNeedTheirFields() {
        for (String chat : new String[] {"slack", "discord", "teams", "ntfy"}) {
            assertThatThrownBy(() -> Channels.check(
                            new Subscription("ops", chat, null, null, null, null, null, null, null, null)))
                    .as(chat)
                    .hasMessage("url: required for this channel");
        }
        assertThatThrownBy(() -> Channels.check(
                        new Subscription("ops", "telegram", null, "x", null, "1", null, null, null, null)))
                .hasMessageContaining("secret: a Telegram bot token");
        assertThatThrownBy(() -> Channels.check(new Subscription(
                        "ops",
                        "telegram",
                        null,
                        "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                        null,
                        "chat",
                        null,
                        null,
                        null,
                        null)))
                .hasMessageContaining("chatId: a Telegram chat id");
        Channels.check(new Subscription(
                "ops",
                "telegram",
                null,
                "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                null,
                "-1001234",
                null,
                null,
                null,
                null));
    }

    @Test
    void theAlertsGuideNamesEveryChannel() throws Exception {
        String guide = Files.readString(Path.of("..", "docs", "alerts.md"));
        for (String name : Channels.names()) {
            assertThat(guide).as(name).contains("`" + name + "`");
        }
    }
}
