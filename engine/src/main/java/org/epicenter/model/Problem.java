package org.epicenter.model;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a reporter says is wrong. The wire name is the lowercase constant name with hyphens ({@code mobile-data}).
 * New constants go at the end: the detector indexes counts by ordinal within one run only, the store keeps wire names.
 */
public enum Problem {
    APP,
    LOGIN,
    WEBSITE,
    CONNECTION,
    MESSAGING,
    CALLS,
    PAYMENTS,
    STREAMING,
    OTHER,
    /** Money transfers (banks, wallets). */
    TRANSFERS,
    /** Card payments and cash machines. */
    CARDS,
    /** A telecom's mobile data. */
    MOBILE_DATA,
    /** A telecom's fixed broadband. */
    HOME_INTERNET;

    private final String wire = name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');

    public String wireName() {
        return wire;
    }

    public static Optional<Problem> fromWire(String value) {
        for (Problem p : values()) {
            if (p.wireName().equals(value)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** "app, login, ..." for error messages and docs. */
    public static String allowedValues() {
        return Arrays.stream(values()).map(Problem::wireName).collect(Collectors.joining(", "));
    }
}
