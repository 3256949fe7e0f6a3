package org.epicenter.server.http;

import java.nio.charset.StandardCharsets;

/** What every refusal of a fuzzed input must be: a message in plain words. */
public final class FuzzOracle {
    private FuzzOracle() {}

    /** A message that names no Java class or exception, unless the input itself did (messages may quote it). */
    public static void plain(String message, byte[] input, Throwable e) {
        if (message == null || message.isBlank()) {
            throw new AssertionError("a refusal without a message", e);
        }
        String sent = new String(input, StandardCharsets.UTF_8);
        for (String marker : new String[] {"java.", "org.epicenter", "com.fasterxml", "Exception", "`"}) {
            if (message.contains(marker) && !sent.contains(marker)) {
                throw new AssertionError("not a plain refusal (" + marker + "): " + message, e);
            }
        }
    }
}
