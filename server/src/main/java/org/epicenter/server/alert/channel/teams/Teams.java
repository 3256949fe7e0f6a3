package org.epicenter.server.alert.channel.teams;

import org.epicenter.alert.Subscription;
import org.epicenter.server.alert.Channel;
import org.epicenter.server.alert.channel.ChannelType;
import org.epicenter.server.alert.channel.HttpPost;
import org.epicenter.server.alert.channel.Outbound;

/** Microsoft Teams incoming webhook: {@code {"text": text}}, cut at 4000 characters. */
public final class Teams implements ChannelType {
    @Override
    public String name() {
        return "teams";
    }

    @Override
    public void check(Subscription s) {
        HttpPost.checkUrl("url", s.url(), true);
    }

    @Override
    public Channel open(Outbound outbound) {
        return HttpPost.textJson(outbound.http(), "text", 4000);
    }
}
