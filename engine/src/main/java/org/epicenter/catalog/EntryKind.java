package org.epicenter.catalog;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A service is something people use; a provider is infrastructure services depend on (a CDN, a cloud region). */
public enum EntryKind {
    SERVICE,
    PROVIDER;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static EntryKind fromWire(String value) {
        for (EntryKind k : values()) {
            if (k.wireName().equals(value)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown kind \"" + value + "\" (expected service or provider)");
    }
}
