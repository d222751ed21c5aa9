package io.streamscore.features;

import static io.streamscore.features.FeatureFixtures.SECOND;
import static io.streamscore.features.FeatureFixtures.T0;
import static io.streamscore.features.SameAnswers.assertSameAnswers;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link KeyedWindowState#copy()} over every aggregation (tiled monoids, distinct_count, approx_distinct, last_n):
 * a copy answers later updates bit for bit like its original, and updating one leaves the other untouched.
 */
class KeyedWindowStateCopyTest {
    private static final int PREFIX = 2_000;

    private final FeatureSet features = FeatureFixtures.everyAggregation();
    private final List<RandomEventStream.Step> steps =
            new RandomEventStream(33, 3 * SECOND, 20 * SECOND, 0.2, 100).steps(4_000, T0);
    /** Other events after the prefix: bursts of new merchants and amounts that touch every structure. */
    private final List<RandomEventStream.Step> otherSteps = new RandomEventStream(34, 3 * SECOND, 20 * SECOND, 0.3, 7)
            .steps(1_500, steps.get(PREFIX - 1).time() + 10 * SECOND);

    private KeyedWindowState fed(List<RandomEventStream.Step> prefix) {
        return SameAnswers.fed(features, prefix);
    }

    @Test
    void copyAnswersTheRestOfTheStreamBitIdentically() throws IOException {
        KeyedWindowState original = fed(steps.subList(0, PREFIX));

        KeyedWindowState copy = original.copy();

        assertThat(copy).isNotSameAs(original);
        assertThat(copy.pendingEvents()).isEqualTo(original.pendingEvents()).isPositive();
        assertThat(bytes(copy)).isEqualTo(bytes(original));
        assertSameAnswers(original, copy, steps.subList(PREFIX, steps.size()));
        assertThat(bytes(copy)).isEqualTo(bytes(original));
    }

    @Test
    void updatingTheCopyLeavesTheOriginalUnchanged() throws IOException {
        KeyedWindowState original = fed(steps.subList(0, PREFIX));
        KeyedWindowState untouched = fed(steps.subList(0, PREFIX));
        byte[] before = bytes(original);

        KeyedWindowState copy = original.copy();
        otherSteps.forEach(step -> copy.update(step.time(), step.numbers(), step.strings(), step.horizon()));

        assertThat(bytes(original)).isEqualTo(before);
        assertThat(bytes(copy)).isNotEqualTo(before);
        assertSameAnswers(untouched, original, steps.subList(PREFIX, steps.size()));
    }

    @Test
    void updatingTheOriginalLeavesTheCopyUnchanged() throws IOException {
        KeyedWindowState original = fed(steps.subList(0, PREFIX));
        KeyedWindowState copy = original.copy();
        byte[] before = bytes(copy);

        otherSteps.forEach(step -> original.update(step.time(), step.numbers(), step.strings(), step.horizon()));

        assertThat(bytes(copy)).isEqualTo(before);
        assertSameAnswers(fed(steps.subList(0, PREFIX)), copy, steps.subList(PREFIX, steps.size()));
    }

    private byte[] bytes(KeyedWindowState state) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new KeyedWindowStateSerializer(features).write(state, new DataOutputStream(out));
        return out.toByteArray();
    }
}
