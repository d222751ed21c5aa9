package io.streamscore.bench.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.event.Event;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BenchInputGeneratorTest {
    private static final int EVENTS = 50_000;

    @Test
    void sameSeedGivesTheSameInput() {
        Event[] first = new BenchInputGenerator(7).generate(100, EVENTS).events();
        Event[] second = new BenchInputGenerator(7).generate(100, EVENTS).events();
        assertThat(second).containsExactly(first);
    }

    @Test
    void noEventIsLateForAWatermarkAtTheDisorderBound() {
        BenchInput input = new BenchInputGenerator(7).generate(100, EVENTS);
        long newest = Long.MIN_VALUE;
        int outOfOrder = 0;
        for (Event event : input.events()) {
            if (newest != Long.MIN_VALUE) {
                assertThat(event.eventTime).isGreaterThan(newest - input.outOfOrderMillis() - 1);
            }
            outOfOrder += event.eventTime < newest ? 1 : 0;
            newest = Math.max(newest, event.eventTime);
        }
        assertThat(outOfOrder / (double) EVENTS).isBetween(0.04, 0.06);
    }

    @Test
    void keysComeFromTheWholeKeySpace() {
        Set<String> keys = new HashSet<>();
        for (Event event : new BenchInputGenerator(7).generate(1_000, EVENTS).events()) {
            keys.add(event.key);
        }
        assertThat(keys).hasSize(1_000);
    }
}
