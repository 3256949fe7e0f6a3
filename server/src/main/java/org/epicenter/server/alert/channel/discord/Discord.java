package org.epicenter.server.alert.channel.discord;

import org.epicenter.alert.Subscription;
import org.epicenter.server.alert.Channel;
import org.epicenter.server.alert.channel.ChannelType;
import org.epicenter.server.alert.channel.HttpPost;
import org.epicenter.server.alert.channel.Outbound;

/** Discord webhook (2,000 characters at most): {@code {"content": text}}, cut at 2000 characters. */
public final class Discord implements ChannelType {
    @Override
    public String name() {
        return "discord";
    }

    @Override
    public void check(Subscription s) {
        HttpPost.checkUrl("url", s.url(), true);
    }

    @Override
    public Channel open(Outbound outbound) {
        return HttpPost.textJson(outbound.http(), "content", 2000);
    }
}
