package org.epicenter.server.alert.channel.telegram;

import java.util.Map;
import org.epicenter.alert.Subscription;
import org.epicenter.server.alert.Channel;
import org.epicenter.server.alert.channel.ChannelType;
import org.epicenter.server.alert.channel.HttpPost;
import org.epicenter.server.alert.channel.Outbound;

/**
 * Telegram's Bot API {@code sendMessage}: the bot token in {@code secret}, the chat in
 * {@code chatId}; {@code url}, when set, replaces {@code https://api.telegram.org}.
 */
public final class Telegram implements ChannelType {
    @Override
    public String name() {
        return "telegram";
    }

    @Override
    public void check(Subscription s) {
        HttpPost.checkUrl("url", s.url(), false);
        if (s.secret() == null || !s.secret().matches("\\d{3,20}:[A-Za-z0-9_-]{20,100}")) {
            throw new IllegalArgumentException("secret: a Telegram bot token (123456:ABC...) is required");
        }
        if (s.chatId() == null || !s.chatId().matches("-?\\d{1,20}|@[A-Za-z0-9_]{5,64}")) {
            throw new IllegalArgumentException("chatId: a Telegram chat id (-100123...) or @channel is required");
        }
    }

    @Override
    public Channel open(Outbound outbound) {
        return (to, key, payload, body) -> {
            String base =
                    to.url() == null ? "https://api.telegram.org" : to.url().replaceAll("/+$", "");
            var o = HttpPost.JSON
                    .createObjectNode()
                    .put("chat_id", to.chatId())
                    .put("text", HttpPost.line(payload))
                    .put("disable_web_page_preview", true);
            return HttpPost.post(
                    outbound.http(),
                    base + "/bot" + to.secret() + "/sendMessage",
                    Map.of("User-Agent", "epicenter-alerts"),
                    HttpPost.json(o),
                    "application/json");
        };
    }
}
