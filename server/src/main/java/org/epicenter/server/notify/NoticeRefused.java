package org.epicenter.server.notify;

/** A request about a notice refused, with the HTTP status it means and the field at fault (or null). */
public final class NoticeRefused extends RuntimeException {
    private final int status;
    private final String reason;
    private final String field;

    public NoticeRefused(int status, String reason, String field, String message) {
        super(message);
        this.status = status;
        this.reason = reason;
        this.field = field;
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    public String field() {
        return field;
    }
}
