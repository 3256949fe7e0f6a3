package org.epicenter.probe;

import java.time.Instant;

/**
 * One run of one probe at one location: the unit agents push and the store keeps.
 *
 * @param entry     the catalog entry (service or provider) the probe belongs to
 * @param probe     the probe's name within the entry
 * @param location  where it ran ("server" for the server's own runs, else the agent's --location)
 * @param ok        whether every condition held
 * @param latencyMs time to the answer, or -1 when there was none
 * @param detail    why it failed (the first condition that did not hold, or the error); null when ok
 */
public record ProbeResult(
        String entry, String probe, String location, Instant at, boolean ok, long latencyMs, String detail) {
    public ProbeResult {
        if (entry == null || probe == null || location == null || at == null) {
            throw new IllegalArgumentException("a probe result needs entry, probe, location and time");
        }
        if (detail != null && detail.length() > 500) {
            detail = detail.substring(0, 500) + "…";
        }
    }

    /** "whatsapp/web": the probe's id across the catalog. */
    public String probeId() {
        return entry + "/" + probe;
    }
}
