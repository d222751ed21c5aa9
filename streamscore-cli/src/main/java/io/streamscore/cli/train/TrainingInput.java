package io.streamscore.cli.train;

import io.streamscore.cli.demo.DemoGenerator;
import io.streamscore.generate.EventGenerator;
import io.streamscore.generate.GeneratorConfig;
import io.streamscore.spec.PipelineSpec;
import io.streamscore.train.FeatureLogJson;
import io.streamscore.train.FeatureReplay;
import io.streamscore.train.GeneratedFeatureLog;
import io.streamscore.train.TrainingSetBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/** Where a training set's feature log and labels come from; each fills a builder for the columns it provides. */
public sealed interface TrainingInput {
    /** Fills a builder and returns a line saying what was read. */
    String read(PipelineSpec spec, TrainingSetBuilder builder) throws IOException;

    /**
     * A builder for the columns this input provides. A feature log the pipeline wrote (its scores) has the spec's
     * feature columns, then its join columns, as the model sees them when scoring; so a model may use both.
     */
    default TrainingSetBuilder builder(PipelineSpec spec) {
        return new TrainingSetBuilder(spec.joins().columnsAfter(new FeatureReplay(spec).columns()));
    }

    /**
     * Generated payments replayed through the spec's features, at the demo's rate and time scale from a fixed start
     * time, so the same seed and count always give the same training set.
     */
    record Generated(long seed, long transactions, double eventsPerSecond) implements TrainingInput {
        /**
         * The spec's feature columns only, in plan order: the replay computes features, not the join (no clicks or
         * profile changes).
         */
        @Override
        public TrainingSetBuilder builder(PipelineSpec spec) {
            return new TrainingSetBuilder(new FeatureReplay(spec).columns());
        }

        @Override
        public String read(PipelineSpec spec, TrainingSetBuilder builder) {
            GeneratorConfig config = DemoGenerator.configFor(DemoGenerator.transactionSource(spec), seed,
                    GeneratorConfig.DEFAULT_START_TIME, eventsPerSecond).build();
            GeneratedFeatureLog.Result result = GeneratedFeatureLog.replay(new EventGenerator(config), spec,
                    transactions, builder);
            return String.format("generated %,d payments (seed %d, %,.0f/s): %,d malformed, %,d late, %,d labels",
                    result.transactions(), seed, eventsPerSecond, result.malformed(), result.late(), result.labels());
        }
    }

    /** JSON-lines files: score records with features, and labels. */
    record Files(Path scores, Path labels) implements TrainingInput {
        @Override
        public String read(PipelineSpec spec, TrainingSetBuilder builder) throws IOException {
            FeatureLogJson log = new FeatureLogJson(builder);
            FeatureLogFiles.read(scores, labels, log);
            return "read " + scores + " and " + labels + skipped(log);
        }
    }

    /** The pipeline's scores topic and the labels topic on a Kafka cluster. */
    record Topics(String bootstrap, String scoresTopic, String labelsTopic, Duration timeout)
            implements TrainingInput {
        @Override
        public String read(PipelineSpec spec, TrainingSetBuilder builder) {
            FeatureLogJson log = new FeatureLogJson(builder);
            FeatureLogTopics.SkippedLabels labels = FeatureLogTopics.read(bootstrap, spec.kafka().properties(),
                    scoresTopic, labelsTopic, log, timeout);
            return "read topics " + scoresTopic + " and " + labelsTopic + " at " + bootstrap + skipped(log)
                    + (labels.count() == 0 ? "" : String.format("; %,d unreadable labels skipped (the first: %s)",
                    labels.count(), labels.first()));
        }
    }

    private static String skipped(FeatureLogJson log) {
        return log.recordsWithoutFeatures() == 0 ? ""
                : String.format(" (%,d score records without features skipped)", log.recordsWithoutFeatures());
    }
}
