package org.epicenter.catalog;

/**
 * A catalog that cannot be used, with where the problem is: {@code file:line: field: what is wrong}.
 * Line is 0 when the problem has no single line (for example a dependency cycle).
 */
public final class CatalogException extends RuntimeException {
    private final String source;
    private final int line;
    private final String field;
    private final String reason;

    public CatalogException(String source, int line, String field, String reason) {
        super(format(source, line, field, reason));
        this.source = source;
        this.line = line;
        this.field = field;
        this.reason = reason;
    }

    private static String format(String source, int line, String field, String reason) {
        var sb = new StringBuilder(source);
        if (line > 0) {
            sb.append(':').append(line);
        }
        sb.append(": ");
        if (field != null && !field.isEmpty()) {
            sb.append(field).append(": ");
        }
        return sb.append(reason).toString();
    }

    public String source() {
        return source;
    }

    public int line() {
        return line;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}
