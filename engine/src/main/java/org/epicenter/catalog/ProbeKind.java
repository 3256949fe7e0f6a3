package org.epicenter.catalog;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a probe checks; each kind reads its {@code target} differently (see {@link ProbeSpec}). */
public enum ProbeKind {
    HTTP,
    TCP,
    DNS,
    TLS;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ProbeKind fromWire(String value) {
        for (ProbeKind k : values()) {
            if (k.wireName().equals(value)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown probe kind \"" + value + "\" (expected http, tcp, dns or tls)");
    }
}
