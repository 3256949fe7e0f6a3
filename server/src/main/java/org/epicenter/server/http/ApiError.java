package org.epicenter.server.http;

/**
 * An HTTP error answered as {@code {"error": message, "field": field}}. {@code reason} feeds the
 * rejected-reports metric.
 */
public final class ApiError extends RuntimeException {
    private final int status;
    private final String field;
    private final String reason;

    /** A quoted value in a message is cut at this many characters: a 7,000-digit "hours" is not echoed back. */
    static final int QUOTED_MAX = 60;

    private static final java.util.regex.Pattern LONG_QUOTED =
            java.util.regex.Pattern.compile("\"([^\"]{" + QUOTED_MAX + "})[^\"]+\"");

    public ApiError(int status, String reason, String field, String message) {
        super(message == null ? null : LONG_QUOTED.matcher(message).replaceAll("\"$1…\""));
        this.status = status;
        this.reason = reason;
        this.field = field;
    }

    /** The same, caused by {@code cause} (a rejection the shared intake already counted). */
    public ApiError(int status, String reason, String field, String message, Throwable cause) {
        this(status, reason, field, message);
        initCause(cause);
    }

    /** A value quoted for a message, cut at {@value #QUOTED_MAX} characters. */
    static String quote(String raw) {
        return "\"" + (raw.length() > QUOTED_MAX ? raw.substring(0, QUOTED_MAX) + "…" : raw) + "\"";
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
