package org.epicenter.catalog;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What kind of thing a service or provider is; drives priors and UI filters. */
public enum Category {
    SOCIAL,
    MESSAGING,
    AI,
    CLOUD,
    CDN,
    DNS,
    SECURITY,
    PAYMENTS,
    BANK,
    TELECOM,
    GAMING,
    STREAMING,
    ECOMMERCE,
    DELIVERY,
    TRANSPORT,
    TRAVEL,
    GOVERNMENT,
    PRODUCTIVITY,
    DEVELOPER,
    EMAIL,
    SEARCH,
    NEWS,
    SMART_HOME,
    FINANCE;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @JsonCreator
    public static Category fromWire(String value) {
        for (Category c : values()) {
            if (c.wireName().equals(value)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown category \"" + value + "\" (expected one of "
                + Arrays.stream(values()).map(Category::wireName).collect(Collectors.joining(", ")) + ")");
    }
}
