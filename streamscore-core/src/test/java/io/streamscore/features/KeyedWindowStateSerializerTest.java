package io.streamscore.features;

import static io.streamscore.features.FeatureFixtures.AMOUNT;
import static io.streamscore.features.FeatureFixtures.SECOND;
import static io.streamscore.features.FeatureFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyedWindowStateSerializerTest {
    private final FeatureSet features = FeatureFixtures.everyAggregation();
    private final KeyedWindowStateSerializer serializer = new KeyedWindowStateSerializer(features);

    @Test
    void restoredStateGivesBitIdenticalAnswersForTheRestOfTheStream() throws IOException {
        List<RandomEventStream.Step> steps =
                new RandomEventStream(21, 3 * SECOND, 20 * SECOND, 0.2, 100).steps(4_000, T0);
        KeyedWindowState original = features.newState();
        for (RandomEventStream.Step step : steps.subList(0, 2_000)) {
            original.update(step.time(), step.numbers(), step.strings(), step.horizon());
        }
        KeyedWindowState restored = serializer.read(new DataInputStream(new ByteArrayInputStream(bytes(original))));
        assertThat(restored.pendingEvents()).isEqualTo(original.pendingEvents()).isPositive();
        for (RandomEventStream.Step step : steps.subList(2_000, steps.size())) {
            FeatureVector expected = original.update(step.time(), step.numbers(), step.strings(), step.horizon());
            FeatureVector actual = restored.update(step.time(), step.numbers(), step.strings(), step.horizon());
            assertThat(actual.toString()).isEqualTo(expected.toString());
            for (int f = 0; f < features.size(); f++) {
                assertThat(Double.doubleToRawLongBits(actual.value(f)))
                        .isEqualTo(Double.doubleToRawLongBits(expected.value(f)));
            }
        }
        assertThat(bytes(restored)).isEqualTo(bytes(original));
    }

    @ParameterizedTest
    @CsvSource({"1, 0.0", "2, 0.2", "3, 0.6", "4, 0.95"})
    void roundTripIsExactAtAnyDisorder(long seed, double disorder) throws IOException {
        List<RandomEventStream.Step> steps =
                new RandomEventStream(seed, 3 * SECOND, 20 * SECOND, disorder, 50).steps(3_000, T0);
        KeyedWindowState original = SameAnswers.fed(features, steps.subList(0, 1_500));

        KeyedWindowState restored = serializer.read(new DataInputStream(new ByteArrayInputStream(bytes(original))));

        assertThat(bytes(restored)).isEqualTo(bytes(original));
        SameAnswers.assertSameAnswers(original, restored, steps.subList(1_500, steps.size()));
        assertThat(bytes(restored)).isEqualTo(bytes(original));
    }

    @Test
    void unknownVersionIsRefused() throws IOException {
        byte[] written = bytes(features.newState());
        written[0] = 99;
        assertThatThrownBy(() -> serializer.read(new DataInputStream(new ByteArrayInputStream(written))))
                .isInstanceOf(IOException.class).hasMessageContaining("version 99");
    }

    @Test
    void stateOfAnotherFeatureSetIsRefused() throws IOException {
        FeatureSet other = FeatureSet.of(FeatureDefinition.builder("sum_1h").aggregation(Aggregation.SUM)
                .field(AMOUNT).window(Duration.ofHours(1)).build());
        byte[] written = bytes(features.newState());
        assertThatThrownBy(() -> new KeyedWindowStateSerializer(other)
                .read(new DataInputStream(new ByteArrayInputStream(written))))
                .isInstanceOf(IOException.class).hasMessageContaining("another feature set");
    }

    private byte[] bytes(KeyedWindowState state) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        serializer.write(state, new DataOutputStream(out));
        return out.toByteArray();
    }
}
