package org.epicenter.server.alert.channel.slack;

import org.epicenter.alert.Subscription;
import org.epicenter.server.alert.Channel;
import org.epicenter.server.alert.channel.ChannelType;
import org.epicenter.server.alert.channel.HttpPost;
import org.epicenter.server.alert.channel.Outbound;

/** Slack incoming webhook: {@code {"text": text}}, cut at 3000 characters. */
public final class Slack implements ChannelType {
    @Override
    public String name() {
        return "slack";
    }

    @Override
    public void check(Subscription s) {
        HttpPost.checkUrl("url", s.url(), true);
    }

    @Override
    public Channel open(Outbound outbound) {
        return HttpPost.textJson(outbound.http(), "text", 3000);
    }
}
