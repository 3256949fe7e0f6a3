package org.epicenter.ingest;

/** A report refused by a rule, naming the field at fault. */
public final class RejectedReport extends RuntimeException {
    public enum Reason {
        UNKNOWN_SERVICE,
        INVALID_FIELD
    }

    private final Reason reason;
    private final String field;

    public RejectedReport(Reason reason, String field, String message) {
        super(message);
        this.reason = reason;
        this.field = field;
    }

    public Reason reason() {
        return reason;
    }

    public String field() {
        return field;
    }
}
