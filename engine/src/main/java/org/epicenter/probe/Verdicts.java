package org.epicenter.probe;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Verdicts for one probe from its recent results, per location and overall.
 *
 * <ul>
 *   <li>A location is <b>unverified</b> until the probe has succeeded there once: a probe that never
 *       worked (offline, a wrong URL) is a configuration problem, not an outage, and must not flood
 *       the incident list.</li>
 *   <li>Otherwise, over its last {@link #WINDOW} results: <b>down</b> when at least
 *       {@link #DOWN_SHARE} failed, <b>degraded</b> when any failed, else <b>up</b>.</li>
 *   <li>Overall: <b>down</b> only when at least {@code quorum} verified locations say down (one
 *       location's network is not the service's outage), the quorum never exceeding the number of
 *       verified locations (a single-location node can still say down); <b>regional</b> when some but fewer than
 *       the quorum do; <b>degraded</b> when any location is degraded; <b>up</b> when all verified
 *       locations are up; <b>unverified</b> when none is verified.</li>
 * </ul>
 */
public final class Verdicts {
    public static final int WINDOW = 5;
    public static final double DOWN_SHARE = 0.6;

    /** A location's or the probe's state. */
    public enum State {
        UP,
        DEGRADED,
        DOWN,
        REGIONAL,
        UNVERIFIED;

        /** How bad: unverified 0, up 1, degraded 2, regional 3, down 4. */
        public int severity() {
            return switch (this) {
                case UNVERIFIED -> 0;
                case UP -> 1;
                case DEGRADED -> 2;
                case REGIONAL -> 3;
                case DOWN -> 4;
            };
        }

        @com.fasterxml.jackson.annotation.JsonValue
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The overall state and each location's, with the locations that say down. */
    public record Verdict(State overall, Map<String, State> byLocation, List<String> downAt) {}

    private final int quorum;
    private final Map<String, Deque<Boolean>> recent = new LinkedHashMap<>();
    private final Map<String, Boolean> everUp = new LinkedHashMap<>();

    /** @param quorum how many locations must agree on down for the probe to be down */
    public Verdicts(int quorum) {
        if (quorum < 1) {
            throw new IllegalArgumentException("quorum must be at least 1, got " + quorum);
        }
        this.quorum = quorum;
    }

    /** Records one result from a location. */
    public void record(String location, boolean ok) {
        Deque<Boolean> r = recent.computeIfAbsent(location, k -> new ArrayDeque<>());
        r.addLast(ok);
        while (r.size() > WINDOW) {
            r.removeFirst();
        }
        if (ok) {
            everUp.put(location, true);
        }
    }

    /** Forgets a location that stopped reporting (an agent that is gone must not vote with old results). */
    public void forget(String location) {
        recent.remove(location);
    }

    public Verdict verdict() {
        var byLocation = new LinkedHashMap<String, State>();
        var down = new ArrayList<String>();
        boolean anyDegraded = false;
        boolean anyVerified = false;
        for (var e : recent.entrySet()) {
            State s = location(e.getKey(), e.getValue());
            byLocation.put(e.getKey(), s);
            anyVerified |= s != State.UNVERIFIED;
            anyDegraded |= s == State.DEGRADED;
            if (s == State.DOWN) {
                down.add(e.getKey());
            }
        }
        long verified =
                byLocation.values().stream().filter(s -> s != State.UNVERIFIED).count();
        State overall = !anyVerified
                ? State.UNVERIFIED
                : down.size() >= Math.min(quorum, verified)
                        ? State.DOWN
                        : !down.isEmpty() ? State.REGIONAL : anyDegraded ? State.DEGRADED : State.UP;
        return new Verdict(overall, byLocation, List.copyOf(down));
    }

    private State location(String location, Deque<Boolean> results) {
        if (!everUp.getOrDefault(location, false)) {
            return State.UNVERIFIED;
        }
        long failed = results.stream().filter(ok -> !ok).count();
        return failed >= Math.ceil(DOWN_SHARE * results.size()) && failed > 0
                ? State.DOWN
                : failed > 0 ? State.DEGRADED : State.UP;
    }
}
