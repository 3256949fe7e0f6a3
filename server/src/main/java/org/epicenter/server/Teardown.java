package org.epicenter.server;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What to close, registered next to what it closes (after Alertmanager's {@code app.go}), and
 * closed in the reverse order: the last part started is the first stopped, so nothing is closed
 * while a part that uses it still runs. A close that fails is logged and the rest still close.
 */
final class Teardown implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Teardown.class);

    private record Step(String name, AutoCloseable close) {
    }

    private final Deque<Step> steps = new ArrayDeque<>();

    /** Registers {@code part} and gives it back, so a construction and its teardown sit on one line. */
    <T extends AutoCloseable> T add(String name, T part) {
        steps.push(new Step(name, part));
        return part;
    }

    void onClose(String name, Runnable close) {
        steps.push(new Step(name, close::run));
    }

    @Override
    public void close() {
        while (!steps.isEmpty()) {
            Step s = steps.pop();
            try {
                s.close().close();
            } catch (Exception e) {
                LOG.warn("closing {} failed", s.name(), e);
            }
        }
    }
}
