package io.streamscore.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.cli.train.TrainingInput;
import io.streamscore.drift.DriftMonitor;
import io.streamscore.event.Event;
import io.streamscore.event.EventCodec;
import io.streamscore.event.MalformedRecordException;
import io.streamscore.generate.EventGenerator;
import io.streamscore.generate.GeneratedRecord;
import io.streamscore.generate.GeneratedStream;
import io.streamscore.generate.GeneratorConfig;
import io.streamscore.registry.Histogram;
import io.streamscore.spec.PipelineSpec;
import io.streamscore.train.BaselineHistograms;
import io.streamscore.train.FeatureReplay;
import io.streamscore.train.TrainingSet;
import io.streamscore.train.TrainingSetBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fraud demo's drift monitor against its default model's baselines, without Flink: the model's training
 * payments (seed 1, 200,000 at 5,000/s) give the baselines as {@code ManifestAssembler} makes them (training rows),
 * and a minute of live payments (seed 42, the demo's rate) is replayed through the spec's features into a
 * {@link DriftMonitor} with the demo's settings. The same generator and customers raise no alert, whatever the
 * payments' seed; a real shift of the amounts does.
 */
class DemoDriftBaselineTest {
    private static final long LIVE_SEED = 42;
    private static final double RATE = DemoModel.TRAINING_RATE;
    /** A minute of live payments and a little more, so the first full one-minute window is judged. */
    private static final long LIVE_MILLIS = 62_000;
    private static final long START = GeneratorConfig.DEFAULT_START_TIME + 86_400_000L;

    private static PipelineSpec spec;
    private static Map<String, Histogram> baselines;

    @BeforeAll
    static void trainingBaselines() {
        spec = DemoScenario.FRAUD.spec(Path.of(".").toAbsolutePath());
        TrainingInput.Generated input = new TrainingInput.Generated(DemoModel.TRAINING_SEED,
                DemoModel.DEFAULT_TRAINING_PAYMENTS, RATE);
        TrainingSetBuilder builder = input.builder(spec);
        input.read(spec, builder);
        TrainingSet set = builder.build(0.2);
        baselines = new LinkedHashMap<>();
        for (int f = 0; f < set.featureNames().size(); f++) {
            baselines.put(set.featureNames().get(f),
                    BaselineHistograms.of(set.train().column(f), BaselineHistograms.DEFAULT_BINS));
        }
    }

    /**
     * 42: the demo's default; 100 put the busiest user's 30-day average just outside a narrow quantile bin (PSI 0.53).
     */
    @ParameterizedTest
    @ValueSource(longs = {42, 100})
    void theDemosLivePaymentsRaiseNoDriftAlertAgainstTheTrainingBaselines(long seed) {
        List<DriftMonitor.Reading> readings = live(liveConfig(seed).populationSeed(DemoModel.POPULATION_SEED));

        List<DriftMonitor.Reading> judged = readings.stream().filter(r -> !Double.isNaN(r.psi())).toList();
        assertThat(judged).as("the first full one-minute window of every feature").hasSize(baselines.size());
        assertThat(judged).allSatisfy(r -> assertThat(r.psi()).as(r.name())
                .isLessThan(DemoModel.DEMO_DRIFT.threshold()));
        assertThat(readings).noneMatch(DriftMonitor.Reading::alert);
    }

    @Test
    void aRealShiftOfTheAmountsStillAlerts() {
        GeneratorConfig.Builder shifted = liveConfig(LIVE_SEED).populationSeed(DemoModel.POPULATION_SEED)
                .amountShift(5, START + 10_000);

        List<DriftMonitor.Reading> alerts = live(shifted).stream().filter(DriftMonitor.Reading::alert).toList();

        assertThat(alerts).extracting(DriftMonitor.Reading::name).contains("user_spend_5m", "user_avg_amount_30d");
    }

    private static GeneratorConfig.Builder liveConfig(long seed) {
        return DemoGenerator.configFor(DemoScenario.FRAUD, DemoGenerator.transactionSource(spec), seed, START, RATE);
    }

    /** Replays {@link #LIVE_MILLIS} of payments into a monitor with the demo's settings; returns every reading. */
    private static List<DriftMonitor.Reading> live(GeneratorConfig.Builder config) {
        DriftMonitor monitor = new DriftMonitor(DemoModel.DEMO_DRIFT, baselines);
        EventGenerator generator = new EventGenerator(config.build());
        FeatureReplay replay = new FeatureReplay(spec);
        EventCodec codec = DemoGenerator.transactionSource(spec).codec();
        List<DriftMonitor.Reading> readings = new ArrayList<>();
        while (generator.simulatedTime() < START + LIVE_MILLIS) {
            GeneratedRecord record = generator.next();
            double[] row = record.stream() == GeneratedStream.TRANSACTIONS ? features(codec, replay, record) : null;
            for (int i = 0; row != null && i < row.length; i++) {
                DriftMonitor.Reading reading = monitor.add(i, record.eventTime(), row[i]);
                if (reading != null) {
                    readings.add(reading);
                }
            }
        }
        return readings;
    }

    /** The payment's features as the pipeline computes them; null when it is malformed or late. */
    private static double[] features(EventCodec codec, FeatureReplay replay, GeneratedRecord record) {
        try {
            Event event = codec.decode(record.value(), record.eventTime());
            return replay.apply(event);
        } catch (MalformedRecordException e) {
            return null;
        }
    }
}
