package org.epicenter.feeds;

import org.epicenter.feed.FeedSnapshot;

/**
 * One feed format. Every adapter is small: bytes in, a {@link FeedSnapshot} out, or a
 * {@link FeedFormatException} that says where the body is wrong. Parsers never do I/O; the poller
 * fetches (with its caps and timeouts) and hands them the body.
 */
public interface FeedParser {
    /** The format's name in the catalog ({@code statuspage}, {@code rss}, ...). */
    String format();

    FeedSnapshot parse(byte[] body) throws FeedFormatException;
}
