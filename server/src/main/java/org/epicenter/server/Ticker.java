package org.epicenter.server;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The periodic work of a server, as an ordered list of stages: each sees what the stages before it
 * produced in the same tick (detection, then probes and feeds, then the fusion and correlation
 * that read them, then the alerts and notices that read the correlation). A stage that fails is
 * logged and the next one runs: one broken stage does not stop the others.
 */
final class Ticker {
    private static final Logger LOG = LoggerFactory.getLogger(Ticker.class);

    record Stage(String name, Consumer<Instant> run) {}

    private final List<Stage> stages;

    Ticker(List<Stage> stages) {
        this.stages = List.copyOf(stages);
    }

    /** The scheduler's tick: a stage that fails is logged, and the next one runs. */
    void tick(Instant now) {
        for (Stage s : stages) {
            try {
                s.run().accept(now);
            } catch (RuntimeException e) {
                LOG.warn("{} tick failed; will retry", s.name(), e);
            }
        }
    }

    /**
     * A test's tick: every stage runs, as on the scheduler, and then the first failure is thrown
     * (the others suppressed in it), so a broken stage fails the test that drives it.
     */
    void tickStrictly(Instant now) {
        RuntimeException first = null;
        for (Stage s : stages) {
            try {
                s.run().accept(now);
            } catch (RuntimeException e) {
                if (first == null) {
                    first = new IllegalStateException(s.name() + " tick failed: " + e.getMessage(), e);
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
