package org.epicenter.catalog;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import java.util.regex.Pattern;
import org.epicenter.model.Countries;

/**
 * Field checks that run while the parser stands on the value, so an error names its exact line
 * and JSON path (for example {@code entries[3].countries[1]}).
 */
final class Fields {
    static final Pattern SLUG = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");
    private static final Pattern HOST =
            Pattern.compile("(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");

    private Fields() {}

    /** Base: a non-null string scalar, checked by {@link #check}. */
    abstract static class Checked extends StdScalarDeserializer<String> {
        Checked() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (String) ctx.handleUnexpectedToken(String.class, p);
            }
            String value = p.getText();
            String problem = check(value);
            if (problem != null) {
                return (String) ctx.handleWeirdStringValue(String.class, value, problem);
            }
            return value;
        }

        /** Returns why the value is wrong, or null when it is fine. */
        abstract String check(String value);
    }

    static final class Slug extends Checked {
        @Override
        String check(String v) {
            return v.length() <= 64 && SLUG.matcher(v).matches()
                    ? null
                    : "not a lowercase slug (a-z, 0-9 and single dashes, at most 64 characters)";
        }
    }

    static final class Text extends Checked {
        @Override
        String check(String v) {
            return v.isBlank() ? "must not be blank" : v.length() > 200 ? "longer than 200 characters" : null;
        }
    }

    static final class Hostname extends Checked {
        @Override
        String check(String v) {
            return HOST.matcher(v).matches() ? null : "not a lowercase DNS hostname";
        }
    }

    /** A probe condition ({@code status == 200}); the message names the column of what is wrong. */
    static final class ConditionText extends Checked {
        @Override
        String check(String v) {
            try {
                org.epicenter.probe.Condition.parse(v);
                return null;
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        }
    }

    static final class Country extends Checked {
        @Override
        String check(String v) {
            return Countries.isIsoCode(v) ? null : "not an ISO 3166-1 alpha-2 country code (upper case, like SA)";
        }
    }
}
