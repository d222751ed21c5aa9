package io.streamscore.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VisibilityTest {
    @Test
    void anOffsetIsReadableFromTheFirstEndSeenPastIt() {
        Visibility visibility = new Visibility();
        visibility.observe(0, 0, 100);
        visibility.observe(0, 500, 200);
        visibility.observe(0, 500, 250); // the same end again: still readable since 200
        visibility.observe(0, 900, 300);

        assertThat(visibility.readableAt(0, 0, 1_000)).isEqualTo(200);
        assertThat(visibility.readableAt(0, 499, 1_000)).isEqualTo(200);
        assertThat(visibility.readableAt(0, 500, 1_000)).isEqualTo(300);
        assertThat(visibility.readableAt(0, 899, 1_000)).isEqualTo(300);
    }

    @Test
    void withoutAnObservationPastTheOffsetTheReadTimeStands() {
        Visibility visibility = new Visibility();
        visibility.observe(0, 10, 100);

        assertThat(visibility.readableAt(0, 10, 1_000)).as("no end past it seen").isEqualTo(1_000);
        assertThat(visibility.readableAt(1, 0, 1_000)).as("partition never observed").isEqualTo(1_000);
        assertThat(visibility.readableAt(0, 3, 50)).as("read before the observation's time").isEqualTo(50);
    }

    @Test
    void partitionsAreApartAndManyObservationsAreKept() {
        Visibility visibility = new Visibility();
        for (int i = 1; i <= 1_000; i++) {
            visibility.observe(0, i * 10L, i);
            visibility.observe(1, i * 20L, 10_000 + i);
        }

        assertThat(visibility.readableAt(0, 5_005, Long.MAX_VALUE)).isEqualTo(501);
        assertThat(visibility.readableAt(1, 5_005, Long.MAX_VALUE)).isEqualTo(10_251);
    }
}
