package org.epicenter.feeds;

/** A feed body that is not what its format says: the message names where ("incidents[2].created_at") and what. */
public final class FeedFormatException extends Exception {
    public FeedFormatException(String message) {
        super(message);
    }

    public FeedFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
