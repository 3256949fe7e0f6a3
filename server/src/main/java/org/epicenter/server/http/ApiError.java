package org.epicenter.server.http;

/**
 * An HTTP error answered as {@code {"error": message, "field": field}}. {@code reason} feeds the
 * rejected-reports metric.
 */
public final class ApiError extends RuntimeException {
    private final int status;
    private final String field;
    private final String reason;

    public ApiError(int status, String reason, String field, String message) {
        super(message);
        this.status = status;
        this.reason = reason;
        this.field = field;
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}
