package io.streamscore.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Real collections of this test JVM (a full collection on request), as the collectors report them. */
class GcPausesTest {

    @Test
    void aCollectionInTheWindowIsCountedAndOneBeforeItIsNot() throws Exception {
        try (GcPauses pauses = new GcPauses()) {
            long before = System.currentTimeMillis();
            System.gc();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> pauses.within(before, System.currentTimeMillis()).count() >= 1);
            Thread.sleep(20);
            long after = System.currentTimeMillis();

            GcPauses.Summary window = pauses.within(before, after);
            assertThat(window.count()).isGreaterThanOrEqualTo(1);
            assertThat(window.totalMs()).isGreaterThanOrEqualTo(window.maxMs()).isGreaterThanOrEqualTo(0);
            assertThat(pauses.within(after + 10_000, after + 20_000).count()).as("a later window").isZero();
            assertThat(pauses.within(before - 20_000, before - 10_000).count()).as("an earlier window").isZero();
        }
    }

    @Test
    void noCollectionIsRecordedAfterClose() throws Exception {
        GcPauses pauses = new GcPauses();
        pauses.close();
        long before = System.currentTimeMillis();
        System.gc();
        Thread.sleep(200); // notifications arrive on another thread, well within this

        assertThat(pauses.within(before, Long.MAX_VALUE).count()).isZero();
    }
}
