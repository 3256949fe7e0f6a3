package org.epicenter.alert;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where a subscription's alerts go. Each kind is one small adapter in the server. */
public enum ChannelKind {
    WEBHOOK,
    EMAIL,
    SLACK,
    DISCORD,
    TEAMS,
    TELEGRAM,
    NTFY;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ChannelKind fromWire(String value) {
        for (ChannelKind k : values()) {
            if (k.wireName().equals(value)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown channel \"" + value + "\" (expected "
                + Arrays.stream(values()).map(ChannelKind::wireName).collect(Collectors.joining(", ")) + ")");
    }
}
