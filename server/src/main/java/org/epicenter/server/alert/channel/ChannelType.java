package org.epicenter.server.alert.channel;

import org.epicenter.alert.Subscription;
import org.epicenter.server.alert.Channel;

/**
 * One kind of alert channel, in a folder of its own ({@code channel/<name>/}): its name in
 * subscriptions, the fields it needs, and the adapter that sends. Listed once in {@link Channels}.
 */
public interface ChannelType {
    /** The value of a subscription's {@code channel}. */
    String name();

    /**
     * Checks the fields this channel needs; throws {@link IllegalArgumentException} starting with the
     * field's name ({@code "url: ..."}) so the API can point at it.
     */
    void check(Subscription s);

    /** The adapter, or null when this server lacks what it needs (email without SMTP settings). */
    Channel open(Outbound outbound);
}
