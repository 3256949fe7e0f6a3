package org.epicenter.probe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One readable condition on a probe's result, in the style of Gatus:
 * {@code status == 200}, {@code latency < 500ms}, {@code body.status == "UP"}, {@code body contains "ok"},
 * {@code cert_expiry > 14d}, {@code dns_rcode == NOERROR}, {@code connected == true}.
 *
 * <p>Grammar: {@code subject operator value}. Subjects: {@code status}, {@code latency} (a duration:
 * {@code ms}, {@code s}, {@code m}), {@code body} (with {@code contains} or {@code ==}),
 * {@code body.<path>} (a JSON field, dots between names, {@code [n]} for array items),
 * {@code cert_expiry} (a duration: {@code d}, {@code h}, ...), {@code dns_rcode} (a DNS response code
 * name), {@code connected} ({@code true}/{@code false}). A bad condition is refused when it is
 * loaded, with the position of what is wrong.
 */
public record Condition(String text, String subject, List<String> path, Op op, Object value) {
    /** Comparison operators. */
    public enum Op {
        EQ("=="),
        NE("!="),
        LT("<"),
        LE("<="),
        GT(">"),
        GE(">="),
        CONTAINS("contains");

        final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }
    }

    /** A condition that cannot be read, with the 1-based column where the problem is. */
    public static final class ConditionException extends IllegalArgumentException {
        private final int column;

        ConditionException(String text, int column, String message) {
            super("condition \"" + text + "\", column " + column + ": " + message);
            this.column = column;
        }

        public int column() {
            return column;
        }
    }

    /**
     * Null when the outcome satisfies this condition, else what was seen instead, in words
     * ("status 503, expected == 200"). A subject the outcome does not have fails.
     */
    public String failure(ProbeOutcome o) {
        Object seen = switch (subject) {
            case "status" -> o.status();
            case "latency" -> o.latency();
            case "cert_expiry" -> o.certExpiry();
            case "dns_rcode" -> o.rcode();
            case "connected" -> o.connected();
            default -> path.isEmpty() ? o.body() : field(o);
        };
        String shown =
                subject + (path.isEmpty() ? "" : "." + String.join(".", path).replace(".[", "["));
        if (seen == null) {
            return shown + " is missing, expected " + op.symbol + " " + describe(value);
        }
        if (holds(seen)) {
            return null;
        }
        if (subject.equals("body") && path.isEmpty() && seen instanceof String s) {
            // failure details are public (the probe pages): the answer's text is not ours to show,
            // and an internal endpoint's body may hold anything. Its size says enough.
            return "body of " + s.length() + " characters, expected " + op.symbol + " " + describe(value);
        }
        return shown + " " + describe(seen) + ", expected " + op.symbol + " " + describe(value);
    }

    private Object field(ProbeOutcome o) {
        com.fasterxml.jackson.databind.JsonNode node = o.json();
        for (String p : path) {
            if (node == null) {
                return null;
            }
            node = p.startsWith("[") ? node.get(Integer.parseInt(p.substring(1, p.length() - 1))) : node.get(p);
        }
        if (node == null || node.isMissingNode()) {
            return null;
        }
        if (node.isNull()) {
            return NULL;
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        return node.isTextual() ? node.asText() : node.toString();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private boolean holds(Object seen) {
        if (op == Op.CONTAINS) {
            return seen instanceof String text && text.contains((String) value);
        }
        if (op == Op.EQ || op == Op.NE) {
            boolean equal = seen instanceof Double d && value instanceof Double v
                    ? d.doubleValue() == v.doubleValue()
                    : seen.equals(value);
            return (op == Op.EQ) == equal;
        }
        if (!(seen instanceof Comparable) || seen.getClass() != value.getClass()) {
            return false;
        }
        int c = ((Comparable) seen).compareTo(value);
        return switch (op) {
            case LT -> c < 0;
            case LE -> c <= 0;
            case GT -> c > 0;
            case GE -> c >= 0;
            default -> false;
        };
    }

    private static String describe(Object v) {
        if (v instanceof Duration d) {
            long ms = d.toMillis();
            if (ms >= 86_400_000) { // days: whole, or to a tenth
                return ms % 86_400_000 == 0
                        ? ms / 86_400_000 + "d"
                        : String.format(Locale.ROOT, "%.1fd", ms / 86_400_000.0);
            }
            if (ms >= 60_000) {
                return ms % 1000 == 0 ? ms / 1000 + "s" : String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
            }
            return ms + "ms";
        }
        if (v instanceof String s) {
            return "\"" + (s.length() > 60 ? s.substring(0, 60) + "…" : s) + "\"";
        }
        if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString(d.longValue());
        }
        return String.valueOf(v);
    }

    static final Set<String> RCODES = Set.of("NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED");
    private static final Map<String, Duration> UNITS = Map.of(
            "ms",
            Duration.ofMillis(1),
            "s",
            Duration.ofSeconds(1),
            "m",
            Duration.ofMinutes(1),
            "h",
            Duration.ofHours(1),
            "d",
            Duration.ofDays(1));

    /** Parses one condition; throws {@link ConditionException} naming the column of the first problem. */
    public static Condition parse(String text) {
        var t = new Tokens(text);
        int subjectAt = t.position();
        String subject = t.word();
        if (subject.isEmpty()) {
            throw t.error(
                    subjectAt,
                    "expected a subject (status, latency, body, body.<field>, cert_expiry, dns_rcode, connected)");
        }
        List<String> path = List.of();
        String base = subject;
        if (subject.startsWith("body.")) {
            base = "body";
            path = jsonPath(text, subjectAt, subject.substring(5));
        }
        if (!List.of("status", "latency", "body", "cert_expiry", "dns_rcode", "connected")
                .contains(base)) {
            throw t.error(
                    subjectAt,
                    "unknown subject \"" + subject
                            + "\" (status, latency, body, body.<field>, cert_expiry, dns_rcode, connected)");
        }
        int opAt = t.position();
        Op op = t.operator();
        if (op == null) {
            throw t.error(opAt, "expected an operator (==, !=, <, <=, >, >=, contains)");
        }
        int valueAt = t.position();
        String raw = t.rest();
        if (raw.isEmpty()) {
            throw t.error(valueAt, "expected a value after " + op.symbol);
        }
        Object value = switch (base) {
            case "status" -> {
                requireOrdered(t, opAt, op, "status");
                yield integer(t, valueAt, raw, 100, 599, "an HTTP status code");
            }
            case "latency", "cert_expiry" -> {
                requireOrdered(t, opAt, op, base);
                yield duration(t, valueAt, raw);
            }
            case "dns_rcode" -> {
                if (op != Op.EQ && op != Op.NE) {
                    throw t.error(opAt, "dns_rcode takes == or !=");
                }
                String code = raw.toUpperCase(Locale.ROOT);
                if (!RCODES.contains(code)) {
                    throw t.error(
                            valueAt,
                            "unknown DNS response code \"" + raw + "\" ("
                                    + String.join(", ", RCODES.stream().sorted().toList()) + ")");
                }
                yield code;
            }
            case "connected" -> {
                if (op != Op.EQ && op != Op.NE) {
                    throw t.error(opAt, "connected takes == or !=");
                }
                if (!raw.equals("true") && !raw.equals("false")) {
                    throw t.error(valueAt, "connected compares with true or false");
                }
                yield Boolean.parseBoolean(raw);
            }
            default -> { // body, body.<path>
                if (op == Op.CONTAINS && !path.isEmpty()) {
                    throw t.error(opAt, "contains applies to the whole body, not to a field");
                }
                yield literal(t, valueAt, raw, op);
            }
        };
        return new Condition(text, base, path, op, value);
    }

    private static void requireOrdered(Tokens t, int at, Op op, String subject) {
        if (op == Op.CONTAINS) {
            throw t.error(at, subject + " takes ==, !=, <, <=, > or >=");
        }
    }

    private static int integer(Tokens t, int at, String raw, int min, int max, String what) {
        try {
            int v = Integer.parseInt(raw);
            if (v < min || v > max) {
                throw t.error(at, raw + " is not " + what + " (" + min + "-" + max + ")");
            }
            return v;
        } catch (NumberFormatException e) {
            throw t.error(at, "\"" + raw + "\" is not " + what);
        }
    }

    private static Duration duration(Tokens t, int at, String raw) {
        int i = 0;
        while (i < raw.length() && Character.isDigit(raw.charAt(i))) {
            i++;
        }
        Duration unit = UNITS.get(raw.substring(i));
        if (i == 0 || unit == null || i > 9) {
            throw t.error(at, "\"" + raw + "\" is not a duration like 500ms, 2s, 14d (units: ms, s, m, h, d)");
        }
        return unit.multipliedBy(Long.parseLong(raw.substring(0, i)));
    }

    /** A quoted string, a number, true/false or null. */
    private static Object literal(Tokens t, int at, String raw, Op op) {
        if (raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"")) {
            return raw.substring(1, raw.length() - 1);
        }
        if (raw.startsWith("\"")) {
            throw t.error(at + raw.length(), "unterminated string");
        }
        if (op == Op.CONTAINS) {
            throw t.error(at, "contains takes a quoted string");
        }
        if (raw.equals("true") || raw.equals("false")) {
            return Boolean.parseBoolean(raw);
        }
        if (raw.equals("null")) {
            return NULL;
        }
        try {
            return Double.parseDouble(raw);
        } catch (NumberFormatException e) {
            throw t.error(at, "\"" + raw + "\" is not a quoted string, a number, true, false or null");
        }
    }

    /** The JSON null, as a value to compare with. */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    private static List<String> jsonPath(String text, int subjectAt, String path) {
        var parts = new ArrayList<String>();
        int column = subjectAt + 5;
        for (String name : path.split("\\.", -1)) {
            String rest = name;
            int bracket = rest.indexOf('[');
            String field = bracket < 0 ? rest : rest.substring(0, bracket);
            if (field.isEmpty() || !field.matches("[A-Za-z_][A-Za-z0-9_-]*")) {
                throw new ConditionException(text, column, "\"" + name + "\" is not a field name");
            }
            parts.add(field);
            while (bracket >= 0) {
                int close = rest.indexOf(']', bracket);
                if (close < 0 || !rest.substring(bracket + 1, close).matches("\\d{1,6}")) {
                    throw new ConditionException(text, column + bracket, "an array index is written [0], [1], ...");
                }
                parts.add("[" + rest.substring(bracket + 1, close) + "]");
                rest = rest.substring(close + 1);
                bracket = rest.isEmpty() ? -1 : (rest.startsWith("[") ? 0 : -2);
                if (bracket == -2) {
                    throw new ConditionException(text, column, "unexpected \"" + rest + "\" after an array index");
                }
            }
            column += name.length() + 1;
        }
        return List.copyOf(parts);
    }

    /** A left-to-right reader over the condition's text, tracking columns. */
    private static final class Tokens {
        private final String text;
        private int i;

        Tokens(String text) {
            this.text = text == null ? "" : text;
        }

        int position() {
            skipSpace();
            return i + 1;
        }

        String word() {
            skipSpace();
            int start = i;
            while (i < text.length() && !Character.isWhitespace(text.charAt(i)) && "=!<>".indexOf(text.charAt(i)) < 0) {
                i++;
            }
            return text.substring(start, i);
        }

        Op operator() {
            skipSpace();
            for (Op op : new Op[] {Op.EQ, Op.NE, Op.LE, Op.GE, Op.LT, Op.GT, Op.CONTAINS}) {
                if (text.startsWith(op.symbol, i)) {
                    i += op.symbol.length();
                    return op;
                }
            }
            return null;
        }

        String rest() {
            skipSpace();
            String r = text.substring(i).strip();
            i = text.length();
            return r;
        }

        ConditionException error(int column, String message) {
            return new ConditionException(text, column, message);
        }

        private void skipSpace() {
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
        }
    }
}
