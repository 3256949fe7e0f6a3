package org.epicenter.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The context memory's forecast: what it expects the next step to bring. */
class ContextMemoryTest {
    /** Level {@code level} of eight as facts, as ContextDetector writes them: bit i is fact 2i or 2i+1. */
    private static int[] facts(int level) {
        int[] f = new int[3];
        for (int i = 0; i < 3; i++) {
            f[i] = 2 * i + ((level >>> i) & 1);
        }
        return f;
    }

    @Test
    void afterALearnedSequenceTheNextValueIsForetoldAndNoOtherIs() {
        var memory = new ContextMemory(7, 15);
        for (int i = 0; i < 400; i++) {
            memory.step(facts(i % 8));
        }
        // the last step was level 7 (399 % 8); level 0 comes next
        for (int f : facts(0)) {
            assertThat(memory.predicted(f)).as("fact %d of level 0", f).isTrue();
        }
        // level 7 shares no fact with level 0: every one of its facts is unexpected
        for (int f : facts(7)) {
            assertThat(memory.predicted(f)).as("fact %d of level 7", f).isFalse();
        }
    }

    @Test
    void beforeAnyStepNothingIsForetold() {
        var memory = new ContextMemory(7, 15);
        for (int f = 0; f < 6; f++) {
            assertThat(memory.predicted(f)).isFalse();
        }
    }
}
