package org.epicenter.feeds;

import org.epicenter.catalog.FeedFormat;

/** The parser for each {@link FeedFormat}. */
public final class FeedParsers {
    private FeedParsers() {}

    public static FeedParser of(FeedFormat format) {
        return switch (format) {
            case STATUSPAGE -> new StatuspageParser();
            case INSTATUS -> new InstatusParser();
            case BETTERSTACK -> new BetterStackParser();
            case RSS -> new RssAtomParser();
            case GOOGLE_CLOUD -> new GoogleCloudParser();
        };
    }
}
