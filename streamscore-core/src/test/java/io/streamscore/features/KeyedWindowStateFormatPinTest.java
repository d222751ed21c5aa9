package io.streamscore.features;

import static io.streamscore.features.FeatureFixtures.AMOUNT;
import static io.streamscore.features.FeatureFixtures.DEVICE;
import static io.streamscore.features.FeatureFixtures.SECOND;
import static io.streamscore.features.FeatureFixtures.T0;
import static io.streamscore.features.FeatureFixtures.feature;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Pins the bytes of format version 3: what this build writes must restore in every build that reads version 3, and
 * checkpoints taken by those builds must keep restoring here, so a faster writer must write the very same bytes. The
 * digest is of what the serializer on main at a81bd63 wrote for the states below: empty, expired, finalized-only and
 * large states of every aggregation, integer, money and unrounded amounts (so aggregates of every double encoding, and
 * prefixes and suffixes that recomputation does and does not reproduce), distinct counts from a few values to
 * saturated caps, and pending raw events at any disorder. Any changed byte changes the digest; a change of format is a
 * new version with its own pin.
 */
class KeyedWindowStateFormatPinTest {
    private static final int STATES = 264;
    private static final long BYTES = 3_864_227;
    private static final String SHA_256 = "1542d81e2acbc0896ca432471c44e3b5c73eac7812d921685dc6274fdfcc5ce9";

    private static final Set<Integer> SNAPSHOT_AFTER = Set.of(0, 1, 2, 5, 20, 100, 500, 1_500, 3_000);
    private static final double[] DISORDER = {0.0, 0.2, 0.6, 0.95};

    @Test
    void version3BytesOfVariedStatesAreUnchanged() throws IOException, NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        long bytes = 0;
        int states = 0;
        for (FeatureSet features : List.of(FeatureFixtures.everyAggregation(), manyValues())) {
            KeyedWindowStateSerializer serializer = new KeyedWindowStateSerializer(features);
            for (int seed = 0; seed < 12; seed++) {
                for (KeyedWindowState state : snapshots(features, seed)) {
                    byte[] written = write(serializer, state);
                    digest.update(written);
                    bytes += written.length;
                    states++;
                }
            }
        }
        assertThat(states).isEqualTo(STATES);
        assertThat(bytes).isEqualTo(BYTES);
        assertThat(HexFormat.of().formatHex(digest.digest())).isEqualTo(SHA_256);
    }

    /** Fine tiles, moments, distinct counts over up to 5,000 devices (one saturating at 50), HyperLogLog, last_n. */
    private static FeatureSet manyValues() {
        return FeatureSet.of(
                FeatureDefinition.builder("sum_1m_ms_tiles").aggregation(Aggregation.SUM).field(AMOUNT)
                        .window(Duration.ofMinutes(1)).tile(Duration.ofMillis(1)).build(),
                feature("stddev_24h", Aggregation.STDDEV, AMOUNT, Duration.ofHours(24)),
                feature("avg_30d", Aggregation.AVG, AMOUNT, Duration.ofDays(30)),
                feature("devices_30d", Aggregation.DISTINCT_COUNT, DEVICE, Duration.ofDays(30)),
                FeatureDefinition.builder("devices_1h_cap50").aggregation(Aggregation.DISTINCT_COUNT).field(DEVICE)
                        .window(Duration.ofHours(1)).distinctCap(50).build(),
                feature("devices_approx_24h", Aggregation.APPROX_DISTINCT, DEVICE, Duration.ofHours(24)),
                feature("first_1h", Aggregation.FIRST, AMOUNT, Duration.ofHours(1)),
                FeatureDefinition.builder("last5_1h").aggregation(Aggregation.LAST_N).field(AMOUNT)
                        .window(Duration.ofHours(1)).lastN(5).build());
    }

    /** One key's state along a stream, then advanced to its last events' final horizon and past its expiry. */
    private static List<KeyedWindowState> snapshots(FeatureSet features, int seed) {
        List<RandomEventStream.Step> steps = new RandomEventStream(seed, 3 * SECOND, 20 * SECOND,
                DISORDER[seed % DISORDER.length], seed % 2 == 0 ? 100 : 5_000).steps(3_000, T0);
        KeyedWindowState state = features.newState();
        List<KeyedWindowState> snapshots = new ArrayList<>();
        for (int i = 0; i <= steps.size(); i++) {
            if (SNAPSHOT_AFTER.contains(i)) {
                snapshots.add(state.copy());
            }
            if (i < steps.size()) {
                RandomEventStream.Step step = steps.get(i);
                state.update(step.time(), amounts(step.numbers(), seed), step.strings(), step.horizon());
            }
        }
        state.advance(steps.get(steps.size() - 1).time());
        snapshots.add(state.copy());
        state.advance(state.expiryHorizon());
        snapshots.add(state);
        return snapshots;
    }

    /** Integer amounts, money (hundredths) or unrounded doubles, by seed. */
    private static double[] amounts(double[] numbers, int seed) {
        double amount = switch (seed % 3) {
            case 0 -> numbers[0];
            case 1 -> numbers[0] * 1.37;
            default -> numbers[0] / 3;
        };
        return new double[] {amount, numbers[1]};
    }

    private static byte[] write(KeyedWindowStateSerializer serializer, KeyedWindowState state) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        serializer.write(state, new DataOutputStream(out));
        return out.toByteArray();
    }
}
