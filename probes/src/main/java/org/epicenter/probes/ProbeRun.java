package org.epicenter.probes;

import org.epicenter.probe.ProbeOutcome;

/** What a probe run saw, and why it could not complete when it could not (null when it did). */
public record ProbeRun(ProbeOutcome outcome, String error) {
    static ProbeRun failed(String why) {
        return new ProbeRun(new ProbeOutcome(false, null, null, null, null, null), why);
    }
}
