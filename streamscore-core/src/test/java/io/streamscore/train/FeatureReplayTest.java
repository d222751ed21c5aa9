package io.streamscore.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.event.Event;
import io.streamscore.event.EventCodec;
import io.streamscore.event.MalformedRecordException;
import io.streamscore.generate.EventGenerator;
import io.streamscore.generate.GeneratedRecord;
import io.streamscore.generate.GeneratedStream;
import io.streamscore.generate.GeneratorConfig;
import io.streamscore.generate.RecordKind;
import io.streamscore.spec.PipelineSpec;
import io.streamscore.spec.SpecLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureReplayTest {
    static final PipelineSpec FRAUD = SpecLoader.load(Path.of("../examples/fraud.yaml"));
    private static final long HOUR = Duration.ofHours(1).toMillis();
    /** user_tx_1h's tile: the window over 300. */
    private static final long TILE = HOUR / 300;

    @Test
    void userCountEqualsTheUsersOnTimeEventsInTheWindowAndTooLateEventsGetNoFeatures() throws Exception {
        FeatureReplay replay = new FeatureReplay(FRAUD);
        int userTx = replay.columns().indexOf("user_tx_1h");
        int ratio = replay.columns().indexOf("amount_vs_user_avg");
        EventCodec codec = FRAUD.source("transactions").codec();
        EventGenerator generator = new EventGenerator(GeneratorConfig.builder().seed(3).users(200).build());
        List<Event> onTime = new ArrayList<>();
        int tooLate = 0;
        while (onTime.size() < 3000) {
            GeneratedRecord record = generator.next();
            if (record.stream() != GeneratedStream.TRANSACTIONS || record.kind() == RecordKind.MALFORMED) {
                continue;
            }
            Event event = codec.decode(record.value(), 0);
            double[] features = replay.apply(event);
            if (record.kind() == RecordKind.TOO_LATE) {
                assertThat(features).as("too-late %s", record).isNull();
                tooLate++;
                continue;
            }
            assertThat(features).as("on-time %s", record).isNotNull().hasSize(replay.columns().size());
            onTime.add(event);
            long start = Math.floorDiv(event.eventTime - HOUR + 1, TILE) * TILE;
            long expected = onTime.stream().filter(e -> e.key.equals(event.key))
                    .filter(e -> e.eventTime >= start && e.eventTime <= event.eventTime).count();
            assertThat(features[userTx]).as("user_tx_1h of %s", event).isEqualTo(expected);
            assertThat(features[ratio]).isFinite().isPositive();
        }
        assertThat(tooLate).isPositive();
        assertThat(replay.lateEvents()).isEqualTo(tooLate);
    }

    @Test
    void generatedFeatureLogLabelsEveryReplayedPayment() {
        FeatureReplay columns = new FeatureReplay(FRAUD);
        TrainingSetBuilder builder = new TrainingSetBuilder(columns.columns());
        GeneratorConfig config = GeneratorConfig.builder().seed(5).eventsPerSecond(2000).labelTimeScale(1440).build();
        GeneratedFeatureLog.Result result = GeneratedFeatureLog.replay(new EventGenerator(config), FRAUD, 5000,
                builder);
        assertThat(result.transactions()).isEqualTo(5000);
        assertThat(result.malformed()).isPositive();
        assertThat(result.labels()).isEqualTo(5000 - result.malformed());
        TrainingSet set = builder.build(0.2);
        assertThat(set.counts().unlabeledEvents()).isZero();
        assertThat(set.counts().labelsWithoutFeatures()).isEqualTo(result.late());
        assertThat(set.train().size() + set.holdout().size()).isEqualTo(5000 - result.malformed() - result.late());
        assertThat(set.train().positives()).isPositive();
    }
}
