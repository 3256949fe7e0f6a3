package org.epicenter.probes;

import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.epicenter.catalog.ProbeSpec;
import org.epicenter.probe.Condition;
import org.epicenter.probe.ProbeResult;

/**
 * Runs a set of catalog probes from one location and hands every result on: the server's own
 * location and each agent use this same class. {@link #sync} follows the assignments: new probes
 * are scheduled, changed ones rescheduled, removed ones stopped.
 */
public final class ProbeRunner implements AutoCloseable {
    private final ProbeExecutor executor;
    private final ProbeScheduler scheduler;
    private final String location;
    private final Consumer<ProbeResult> sink;
    private final Map<String, ProbeSpec> scheduled = new HashMap<>();

    public ProbeRunner(
            ProbeExecutor executor,
            Clock clock,
            String location,
            int maxInFlight,
            LongConsumer slipMillis,
            Consumer<ProbeResult> sink) {
        this.executor = executor;
        this.scheduler = new ProbeScheduler(clock, maxInFlight, slipMillis);
        this.location = location;
        this.sink = sink;
    }

    public void start() {
        scheduler.start();
    }

    /** Makes the scheduled probes exactly {@code assignments} (entry id to its probes). */
    public synchronized void sync(Map<String, List<ProbeSpec>> assignments) {
        var wanted = new HashMap<String, ProbeSpec>();
        var entries = new HashMap<String, String>();
        assignments.forEach((entry, specs) -> specs.forEach(s -> {
            wanted.put(entry + "/" + s.name(), s);
            entries.put(entry + "/" + s.name(), entry);
        }));
        for (String id : new HashSet<>(scheduled.keySet())) {
            if (!scheduled.get(id).equals(wanted.get(id))) {
                scheduler.remove(id);
                scheduled.remove(id);
            }
        }
        for (var e : wanted.entrySet()) {
            if (!scheduled.containsKey(e.getKey())) {
                ProbeSpec spec = e.getValue();
                String entry = entries.get(e.getKey());
                List<Condition> conditions = spec.parsedChecks();
                scheduler.add(
                        e.getKey(), spec.every(), () -> sink.accept(executor.run(entry, spec, conditions, location)));
                scheduled.put(e.getKey(), spec);
            }
        }
    }

    public synchronized int size() {
        return scheduled.size();
    }

    public ProbeScheduler scheduler() {
        return scheduler;
    }

    @Override
    public void close() {
        scheduler.close();
    }
}
