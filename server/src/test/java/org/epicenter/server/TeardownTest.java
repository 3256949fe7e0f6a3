package org.epicenter.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class TeardownTest {
    @Test
    void closesInReverseEvenWhenOneCloseFails() {
        var closed = new ArrayList<String>();
        var teardown = new Teardown();
        teardown.add("store", () -> closed.add("store"));
        teardown.add("alerts", () -> {
            closed.add("alerts");
            throw new IllegalStateException("alerts would not close");
        });
        teardown.onClose("http", () -> closed.add("http"));
        teardown.close();
        assertThat(closed).containsExactly("http", "alerts", "store");
        teardown.close();
        assertThat(closed).as("closing twice closes nothing twice").hasSize(3);
    }

    @Test
    void aThreadIsWaitedForBeforeWhatItUsesCloses() {
        var finished = new AtomicBoolean();
        var pool = Executors.newSingleThreadExecutor();
        pool.execute(() -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                try {
                    Thread.sleep(200); // finishing what it was doing after the interrupt
                } catch (InterruptedException again) {
                    Thread.currentThread().interrupt();
                }
                finished.set(true);
            }
        });
        var teardown = new Teardown();
        var storeSawFinished = new AtomicBoolean();
        teardown.add("store", () -> storeSawFinished.set(finished.get()));
        teardown.onClose("housekeeping", () -> Teardown.stop(pool));
        teardown.close();
        assertThat(storeSawFinished)
                .as("the store closed only after the thread had finished")
                .isTrue();
    }
}
