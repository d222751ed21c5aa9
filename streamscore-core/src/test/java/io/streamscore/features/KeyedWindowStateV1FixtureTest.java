package io.streamscore.features;

import static io.streamscore.features.FeatureFixtures.SECOND;
import static io.streamscore.features.FeatureFixtures.T0;
import static io.streamscore.features.SameAnswers.assertSameAnswers;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * State written by the version 1 format (checked in as {@code window-state-v1.bin}, written by the v1 serializer of
 * commit-time main from the first 2,000 steps of the stream below over {@link FeatureFixtures#everyAggregation()})
 * still restores: checkpoints and savepoints taken before version 2 must keep working. The restored state answers the
 * rest of the stream bit for bit like a state that never went through bytes.
 */
class KeyedWindowStateV1FixtureTest {
    static final String FIXTURE = "window-state-v1.bin";
    static final int PREFIX = 2_000;

    private final FeatureSet features = FeatureFixtures.everyAggregation();

    static List<RandomEventStream.Step> steps() {
        return new RandomEventStream(21, 3 * SECOND, 20 * SECOND, 0.2, 100).steps(4_000, T0);
    }

    @Test
    void version1StateRestoresWithBitIdenticalAnswers() throws IOException {
        byte[] v1;
        try (InputStream in = getClass().getResourceAsStream(FIXTURE)) {
            v1 = in.readAllBytes();
        }
        assertThat(v1[0]).isEqualTo((byte) 1);
        List<RandomEventStream.Step> steps = steps();
        KeyedWindowState original = SameAnswers.fed(features, steps.subList(0, PREFIX));

        KeyedWindowState restored =
                new KeyedWindowStateSerializer(features).read(new DataInputStream(new ByteArrayInputStream(v1)));

        assertThat(restored.pendingEvents()).isEqualTo(original.pendingEvents()).isPositive();
        assertSameAnswers(original, restored, steps.subList(PREFIX, steps.size()));
    }
}
