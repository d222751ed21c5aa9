package io.streamscore.features;

import static io.streamscore.features.FeatureFixtures.SECOND;
import static io.streamscore.features.FeatureFixtures.T0;
import static io.streamscore.features.SameAnswers.assertSameAnswers;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * State written by older formats still restores: checkpoints and savepoints taken before the current version must keep
 * working. The fixtures are checked in ({@code window-state-v1.bin}, {@code window-state-v2.bin}), each written by its
 * version's serializer on main at the time, from the first 2,000 steps of the stream below over
 * {@link FeatureFixtures#everyAggregation()} (string and numeric exact distinct counts included). The restored state
 * answers the rest of the stream bit for bit like a state that never went through bytes, also after it is rewritten
 * in the current format.
 */
class KeyedWindowStateOldFormatsTest {
    static final int PREFIX = 2_000;

    private final FeatureSet features = FeatureFixtures.everyAggregation();
    private final KeyedWindowStateSerializer serializer = new KeyedWindowStateSerializer(features);

    static List<RandomEventStream.Step> steps() {
        return new RandomEventStream(21, 3 * SECOND, 20 * SECOND, 0.2, 100).steps(4_000, T0);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void oldStateRestoresWithBitIdenticalAnswers(int version) throws IOException {
        byte[] old = fixture(version);
        List<RandomEventStream.Step> steps = steps();
        KeyedWindowState original = SameAnswers.fed(features, steps.subList(0, PREFIX));

        KeyedWindowState restored = serializer.read(new DataInputStream(new ByteArrayInputStream(old)));

        assertThat(restored.pendingEvents()).isEqualTo(original.pendingEvents()).isPositive();
        assertSameAnswers(original, restored, steps.subList(PREFIX, steps.size()));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void oldStateRewrittenInTheCurrentFormatStaysExact(int version) throws IOException {
        KeyedWindowState fromOld = serializer.read(new DataInputStream(new ByteArrayInputStream(fixture(version))));
        ByteArrayOutputStream current = new ByteArrayOutputStream();
        serializer.write(fromOld, new DataOutputStream(current));

        KeyedWindowState fromCurrent =
                serializer.read(new DataInputStream(new ByteArrayInputStream(current.toByteArray())));

        assertThat(current.toByteArray()[0]).isEqualTo(KeyedWindowStateSerializer.VERSION);
        List<RandomEventStream.Step> steps = steps();
        assertSameAnswers(fromOld, fromCurrent, steps.subList(PREFIX, steps.size()));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void theCurrentFormatIsAsCompactAsVersion2(int version) throws IOException {
        byte[] old = fixture(version);
        ByteArrayOutputStream current = new ByteArrayOutputStream();
        serializer.write(serializer.read(new DataInputStream(new ByteArrayInputStream(old))),
                new DataOutputStream(current));

        // hashes take 8 bytes where these short values took 2-9: within 20% of version 2, under half of version 1
        assertThat(current.size()).isLessThan(version == 1 ? old.length / 2 : old.length * 6 / 5);
    }

    private byte[] fixture(int version) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("window-state-v" + version + ".bin")) {
            byte[] bytes = in.readAllBytes();
            assertThat(bytes[0]).isEqualTo((byte) version);
            return bytes;
        }
    }
}
