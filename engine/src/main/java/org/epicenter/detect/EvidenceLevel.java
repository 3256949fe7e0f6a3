package org.epicenter.detect;

/** How strongly one minute of one series says "something is wrong" (Downdetector's three levels, plus none). */
public enum EvidenceLevel {
    NONE,
    WEAK,
    MODERATE,
    STRONG;

    public boolean atLeast(EvidenceLevel other) {
        return compareTo(other) >= 0;
    }
}
