package org.epicenter.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.epicenter.store.StorageContract.*;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The ProbeResultStore contract (probe results). A backend passes it by nesting a subclass in its
 * {@link StorageContract}; every backend's test class inherits the nesting.
 */
public abstract class ProbeResultStoreContract {
    /** The store under test, opened fresh for each test by the enclosing contract. */
    protected abstract Storage storage();

    @Test
    void probeResultsAreKeptInTimeOrderAndExpire() {
        var a = new org.epicenter.probe.ProbeResult("pay", "web", "riyadh", T0.plusSeconds(30), true, 41, null);
        var b = new org.epicenter.probe.ProbeResult("pay", "web", "cairo", T0, false, -1, "status 503, expected < 400");
        var c = new org.epicenter.probe.ProbeResult("pay", "dns", "cairo", T0.plusSeconds(60), true, 3, null);
        storage().probeResults().appendResults(List.of(a, b, c));

        assertThat(storage().probeResults().resultsSince(T0)).containsExactly(b, a, c);
        assertThat(storage().probeResults().results("pay", "web", T0, T0.plusSeconds(60)))
                .containsExactly(b, a);
        assertThat(storage().probeResults().deleteResultsBefore(T0.plusSeconds(30)))
                .isEqualTo(1);
        assertThat(storage().probeResults().resultsSince(T0)).containsExactly(a, c);
    }
}
