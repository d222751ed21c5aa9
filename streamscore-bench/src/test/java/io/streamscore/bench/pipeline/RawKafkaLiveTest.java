package io.streamscore.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RawKafkaLiveTest {
    @Test
    void commitsOnAFixedGridSoALateCommitDoesNotPushTheNextOnesBack() {
        assertThat(RawKafkaLive.nextOnGrid(2_000, 2_000, 1_500)).as("not due yet").isEqualTo(2_000);
        assertThat(RawKafkaLive.nextOnGrid(2_000, 2_000, 2_300)).as("300 late").isEqualTo(4_000);
        assertThat(RawKafkaLive.nextOnGrid(2_000, 2_000, 4_000)).as("a whole interval late").isEqualTo(6_000);
        assertThat(RawKafkaLive.nextOnGrid(2_000, 2_000, 7_100)).as("skips the missed ones").isEqualTo(8_000);
    }
}
