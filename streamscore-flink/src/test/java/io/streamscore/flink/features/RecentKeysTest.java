package io.streamscore.flink.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RecentKeysTest {
    @Test
    void saysWhetherAKeyWasRecordedBefore() {
        RecentKeys recent = new RecentKeys(100);

        assertThat(recent.seenBefore("u1")).isFalse();
        assertThat(recent.seenBefore("u1")).isTrue();
        assertThat(recent.seenBefore("u2")).isFalse();
    }

    @Test
    void forgetsEverythingAfterAsManyRecordsAsItWasSizedFor() {
        RecentKeys recent = new RecentKeys(100);
        recent.seenBefore("first");

        long newKeysTakenAsSeen = IntStream.range(0, 99).filter(i -> recent.seenBefore("k" + i)).count();
        boolean firstStillKnown = recent.seenBefore("first");
        IntStream.range(100, 200).forEach(i -> recent.seenBefore("k" + i));

        assertThat(newKeysTakenAsSeen).as("false 'seen' among 99 new keys in 800 bits").isLessThan(15);
        assertThat(firstStillKnown).isTrue();
        assertThat(recent.seenBefore("first")).as("after 100 more records").isFalse();
    }
}
