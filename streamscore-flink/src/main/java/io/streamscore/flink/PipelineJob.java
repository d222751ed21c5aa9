package io.streamscore.flink;

import io.streamscore.alerts.AlertPlan;
import io.streamscore.event.DeadLetter;
import io.streamscore.event.Event;
import io.streamscore.event.JsonEventCodec;
import io.streamscore.flink.decide.AlertEncoder;
import io.streamscore.flink.decide.AlertFunction;
import io.streamscore.flink.decide.ScoreAlertFunction;
import io.streamscore.flink.drift.DriftPlan;
import io.streamscore.flink.drift.DriftStage;
import io.streamscore.features.FeaturePlan;
import io.streamscore.flink.features.FeatureStage;
import io.streamscore.flink.features.FeatureStageOutput;
import io.streamscore.flink.ingest.DeadLetterRouter;
import io.streamscore.flink.ingest.EventTimeWatermarkGenerator;
import io.streamscore.flink.ingest.IngestSourceFactory;
import io.streamscore.flink.ingest.Ingested;
import io.streamscore.flink.ingest.LateEvent;
import io.streamscore.flink.ingest.LateEventRouter;
import io.streamscore.flink.ingest.LateEventRouterOperator;
import io.streamscore.flink.internal.FeatureGroupUids;
import io.streamscore.flink.internal.OperatorIds;
import io.streamscore.flink.join.EventTimeJoinFunction;
import io.streamscore.join.JoinPlan;
import io.streamscore.flink.scoring.ScoreRecord;
import io.streamscore.flink.scoring.ScoringStage;
import io.streamscore.flink.scoring.UnscoredStage;
import io.streamscore.flink.sink.DeadLetterEncoder;
import io.streamscore.flink.sink.LateEventEncoder;
import io.streamscore.flink.sink.OutputRecord;
import io.streamscore.flink.sink.OutputLimitSource;
import io.streamscore.flink.sink.ScoreEncoder;
import io.streamscore.flink.sink.TopicLimits;
import io.streamscore.spec.OutputsSpec;
import io.streamscore.spec.PipelineSpec;
import io.streamscore.spec.SourceSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Builds a pipeline's Flink graph from a validated {@link PipelineSpec}. It receives its inputs
 * ({@link IngestSourceFactory}), its output sink and its middle stages, so the same assembly runs on Kafka in
 * production and on bounded data in tests. It never starts anything: the caller executes the environment.
 *
 * <pre>
 * per source:  source (decode + per-partition watermarks) -> dead-letter router -> late-event router
 *                                                 |dead letters            |late events
 * all sources: union -> features -> stages (joins) -> alerts -> scoring -> alerts on the score -> encode -> scores'
 *                          |late at features (defensive)  |alerts -> encode    |alerts -> encode --+      sink
 *                       (drift monitor, when configured: model inputs + scores -> drift alerts -> encode -+
 *                        late events, dead letters, shadow scores -> encode -------------------------+--> sink
 *                        every output, the scores included --> result store (optional)
 *   (the alerts, the joins and the alerts on the score reuse the features' partitioning when the last feature
 *    group is keyed by the event key)
 * </pre>
 */
public final class PipelineJob {
    /** Watermarks are emitted at least every 100 ms of event time (see {@link EventTimeWatermarkGenerator}). */
    public static final long WATERMARK_GRANULARITY_MS = 100;

    private final PipelineSpec spec;
    private final IngestSourceFactory sources;
    private final Sink<OutputRecord> sink;
    private final Sink<OutputRecord> scoresSink;
    private final FeaturePlan features;
    private final FeatureGroupUids featureUids;
    private final List<EventStage> stages;
    private final AlertPlan alerts;
    private final ScoringStage scoring;
    private final Sink<OutputRecord> resultStore;
    private final DriftPlan drift;
    private final TopicLimits topicLimits;

    private PipelineJob(Builder parts) {
        this.spec = parts.spec;
        this.sources = parts.sources;
        this.sink = parts.sink;
        this.scoresSink = parts.scoresSink;
        this.features = parts.features;
        this.featureUids = parts.featureUids;
        this.stages = List.copyOf(parts.stages);
        this.alerts = parts.alerts;
        this.scoring = parts.scoring;
        this.resultStore = parts.resultStore;
        this.drift = parts.drift;
        this.topicLimits = parts.topicLimits;
    }

    public static Builder builder(PipelineSpec spec) {
        return new Builder(spec);
    }

    /** Adds the pipeline's operators to {@code env}. */
    public void build(StreamExecutionEnvironment env) {
        OutputsSpec outputs = spec.outputs();
        List<DataStream<Event>> events = new ArrayList<>();
        List<DataStream<DeadLetter>> deadLetters = new ArrayList<>();
        List<DataStream<OutputRecord>> encoded = new ArrayList<>();
        for (SourceSpec source : spec.sources()) {
            SingleOutputStreamOperator<Event> decoded = sources.create(env, source, watermarks(source))
                    .process(new DeadLetterRouter())
                    .uid(OperatorIds.deadLetterRouter(source.name()))
                    .name("dead letters: " + source.name());
            deadLetters.add(decoded.getSideOutput(DeadLetterRouter.DEAD_LETTERS));
            SingleOutputStreamOperator<Event> onTime = decoded
                    .transform("late events: " + source.name(), decoded.getType(), new LateEventRouterOperator(
                            new LateEventRouter(source.name(), source.allowedLateness().toMillis())))
                    .uid(OperatorIds.lateEventRouter(source.name()));
            encoded.add(onTime.getSideOutput(LateEventRouter.LATE)
                    .map(lateEncoder(source))
                    .uid(OperatorIds.encodeLate(source.name()))
                    .name("encode late: " + source.name()));
            events.add(onTime);
        }
        JoinPlan joinPlan = JoinPlan.compile(spec);
        FeatureStageOutput featured = features(union(events), encoded);
        DataStream<Event> stream = joins(featured, joinPlan, encoded);
        // the join is keyed by the event key as well, so after it the stream is partitioned by that key either way
        boolean keyedByEventKey = featured.keyedByEventKey() || joinPlan != null;
        for (EventStage stage : stages) {
            stream = stage.apply(stream);
            keyedByEventKey = false;
        }
        AlertPlan beforeScoring = alerts.beforeScoring();
        if (!beforeScoring.isEmpty()) {
            SingleOutputStreamOperator<Event> checked = byEventKey(stream, keyedByEventKey)
                    .process(new AlertFunction(beforeScoring, longestAllowedLateness())).uid(OperatorIds.ALERTS)
                    .name("alerts: " + beforeScoring.rules().size() + " rules");
            encoded.add(checked.getSideOutput(AlertFunction.ALERTS)
                    .map(new AlertEncoder(outputs.alertsTopic(), columns()))
                    .uid(OperatorIds.ENCODE_ALERTS).name("encode alerts"));
            stream = checked;
            keyedByEventKey = true;
        }
        ScoringStage.Output scored = scoring.apply(stream);
        DataStream<ScoreRecord> scores =
                scoreAlerts(scored.scores(), keyedByEventKey, stream.getParallelism(), encoded);
        SingleOutputStreamOperator<OutputRecord> encodedScores = scores
                .map(new ScoreEncoder(outputs.scoresTopic(), columns()))
                .uid(OperatorIds.ENCODE_SCORES).name("encode scores");
        encoded.addAll(scored.extraOutputs());
        if (drift != null) {
            encoded.add(new DriftStage(drift, spec.sources(), columns(), outputs.alertsTopic())
                    .wire(stream, scores));
        }
        encoded.add(union(deadLetters)
                .map(new DeadLetterEncoder(OutputLimitSource.of(spec, outputs.deadLetterTopic(), topicLimits)))
                .uid(OperatorIds.ENCODE_DEAD_LETTERS).name("encode dead letters"));
        String guarantee = outputs.guarantee().name().toLowerCase();
        if (resultStore != null) {
            unionWith(encoded, encodedScores).sinkTo(resultStore).uid(OperatorIds.RESULTS_STORE_SINK)
                    .name("results database");
        }
        if (scoresSink != null) {
            // same parallelism and a forward edge: chained into the scoring task, one network hop less per event
            encodedScores.sinkTo(scoresSink).setParallelism(encodedScores.getParallelism())
                    .uid(OperatorIds.KAFKA_SCORES_SINK).name("kafka scores: " + guarantee);
        } else {
            encoded.add(encodedScores);
        }
        union(encoded).sinkTo(sink).uid(OperatorIds.KAFKA_SINK).name("kafka: " + guarantee);
    }

    /**
     * Adds the alert rules that read the score after scoring, when there are any, and returns the scores after them.
     * Our scoring stages keep their input's partitioning (forward, same parallelism), so when the events were keyed
     * by the event key the scores are too, and the rules' keyed state needs no shuffle.
     */
    private DataStream<ScoreRecord> scoreAlerts(DataStream<ScoreRecord> scores, boolean keyedByEventKey,
                                                int eventParallelism, List<DataStream<OutputRecord>> encoded) {
        AlertPlan afterScoring = alerts.afterScoring();
        if (afterScoring.isEmpty()) {
            return scores;
        }
        boolean partitioned = keyedByEventKey && scores.getParallelism() == eventParallelism;
        KeyedStream<ScoreRecord, String> keyed = partitioned
                ? DataStreamUtils.reinterpretAsKeyedStream(scores, new ScoreKeySelector(), Types.STRING)
                : scores.keyBy(new ScoreKeySelector(), Types.STRING);
        SingleOutputStreamOperator<ScoreRecord> checked = keyed
                .process(new ScoreAlertFunction(afterScoring, longestAllowedLateness()))
                .uid(OperatorIds.SCORE_ALERTS).name("alerts on the score: " + afterScoring.rules().size() + " rules");
        encoded.add(checked.getSideOutput(ScoreAlertFunction.ALERTS)
                .map(new AlertEncoder(spec.outputs().alertsTopic(), columns()))
                .uid(OperatorIds.ENCODE_SCORE_ALERTS).name("encode alerts on the score"));
        return checked;
    }

    /**
     * How far behind the alert operators' watermark an event may still reach them: its source's allowed lateness, or,
     * for events the join held back, the joined sources' (the join waits for the watermark past that).
     */
    private long longestAllowedLateness() {
        return spec.sources().stream().mapToLong(source -> source.allowedLateness().toMillis()).max().orElse(0);
    }

    /**
     * {@code events} keyed by {@link Event#key}: reinterpreted as keyed, without a shuffle, when they are already
     * partitioned that way ({@code keyedByEventKey}: they come from a keyed operator with the same key and
     * parallelism, through forward connections only).
     */
    private static KeyedStream<Event, String> byEventKey(DataStream<Event> events, boolean keyedByEventKey) {
        return keyedByEventKey
                ? DataStreamUtils.reinterpretAsKeyedStream(events, new EventKeySelector(), Types.STRING)
                : events.keyBy(new EventKeySelector(), Types.STRING);
    }

    /** Adds the feature stage (if the plan has features) and routes the late events it finds to the late topic. */
    private FeatureStageOutput features(DataStream<Event> events, List<DataStream<OutputRecord>> encoded) {
        if (features.isEmpty()) {
            return new FeatureStageOutput(events, Map.of(), false);
        }
        FeatureStageOutput output = new FeatureStage(features, spec.sources(), spec.runtime().stateCacheKeys(),
                featureUids).wire(events);
        for (SourceSpec source : spec.sources()) {
            DataStream<LateEvent> late = output.lateBySource().get(source.name());
            if (late != null) {
                encoded.add(late.map(lateEncoder(source))
                        .uid(OperatorIds.encodeLateAtFeatures(source.name()))
                        .name("encode late at features: " + source.name()));
            }
        }
        return output;
    }

    /**
     * Adds the event-time join when the spec has one ({@code plan} not null): keyed by the events' key, after the
     * features (the joined columns follow the feature columns), and routes the late clicks and profile changes it
     * finds to the late topic.
     */
    private DataStream<Event> joins(FeatureStageOutput featured, JoinPlan plan,
                                    List<DataStream<OutputRecord>> encoded) {
        if (plan == null) {
            return featured.events();
        }
        long enrichedLateness = spec.source(plan.enrichedSource()).allowedLateness().toMillis();
        SingleOutputStreamOperator<Event> joined = byEventKey(featured.events(), featured.keyedByEventKey())
                .process(new EventTimeJoinFunction(plan, features.width(), enrichedLateness))
                .uid(OperatorIds.JOIN).name("join: " + String.join(", ", spec.joins().joinedSources()) + " -> "
                        + plan.enrichedSource());
        for (String name : spec.joins().joinedSources()) {
            encoded.add(joined.getSideOutput(EventTimeJoinFunction.late(name))
                    .map(lateEncoder(spec.source(name)))
                    .uid(OperatorIds.encodeLateAtJoin(name)).name("encode late at join: " + name));
        }
        return joined;
    }

    /** The columns of {@code Event.features} after the join: the feature plan's, then the join's. */
    private List<String> columns() {
        return spec.joins().columnsAfter(features.columns());
    }

    /** The late topic's encoder of {@code source}'s events, wherever they are found late. */
    private LateEventEncoder lateEncoder(SourceSpec source) {
        return new LateEventEncoder(spec.outputs().lateTopic(), new JsonEventCodec(source.schema(), source.binding()),
                OutputLimitSource.of(spec, spec.outputs().lateTopic(), topicLimits));
    }

    private static WatermarkStrategy<Ingested> watermarks(SourceSpec source) {
        long outOfOrderness = source.maxOutOfOrderness().toMillis();
        return WatermarkStrategy
                .<Ingested>forGenerator(
                        context -> new EventTimeWatermarkGenerator(outOfOrderness, WATERMARK_GRANULARITY_MS))
                .withTimestampAssigner(
                        (record, kafkaTimestamp) -> record.isEvent() ? record.event.eventTime : kafkaTimestamp)
                .withIdleness(source.idleness());
    }

    private static <T> DataStream<T> unionWith(List<DataStream<T>> streams, DataStream<T> more) {
        List<DataStream<T>> all = new ArrayList<>(streams);
        all.add(more);
        return union(all);
    }

    @SafeVarargs
    private static <T> DataStream<T> union(List<DataStream<T>> streams, DataStream<T>... none) {
        DataStream<T> first = streams.get(0);
        if (streams.size() == 1) {
            return first;
        }
        return first.union(streams.subList(1, streams.size()).toArray(none));
    }

    /** Collects the job's parts; sources and sink are required. */
    public static final class Builder {
        private final PipelineSpec spec;
        private IngestSourceFactory sources;
        private Sink<OutputRecord> sink;
        private Sink<OutputRecord> scoresSink;
        private FeaturePlan features = FeaturePlan.EMPTY;
        private FeatureGroupUids featureUids = FeatureGroupUids.V2;
        private final List<EventStage> stages = new ArrayList<>();
        private AlertPlan alerts = AlertPlan.EMPTY;
        private ScoringStage scoring = new UnscoredStage();
        private Sink<OutputRecord> resultStore;
        private DriftPlan drift;
        private TopicLimits topicLimits = TopicLimits.NONE;

        private Builder(PipelineSpec spec) {
            this.spec = Objects.requireNonNull(spec, "spec");
        }

        public Builder sources(IngestSourceFactory factory) {
            this.sources = factory;
            return this;
        }

        /**
         * The sink of every output: alerts, late events, dead letters, shadow scores, and the scores unless
         * {@link #scoresSink} takes them.
         */
        public Builder sink(Sink<OutputRecord> outputSink) {
            this.sink = outputSink;
            return this;
        }

        /**
         * A sink for the scores alone, chained into the scoring task: the one output every event has then skips a
         * network hop (serialization, a buffer, a thread) to the shared sink. None by default.
         */
        public Builder scoresSink(Sink<OutputRecord> outputSink) {
            this.scoresSink = Objects.requireNonNull(outputSink, "scoresSink");
            return this;
        }

        /**
         * The windowed and derived features to compute right after ingest, before the stages added with
         * {@link #stage}; their columns also go into the scores' {@code features} object. None by default.
         * {@code uids}: the groups' operator uids, {@link FeatureGroupUids#V2} but where a restore found older ones.
         */
        public Builder features(FeaturePlan plan, FeatureGroupUids uids) {
            this.features = Objects.requireNonNull(plan, "features");
            this.featureUids = Objects.requireNonNull(uids, "uids");
            return this;
        }

        /** Adds a stage between the features and scoring; stages run in the order added. */
        public Builder stage(EventStage stage) {
            stages.add(Objects.requireNonNull(stage, "stage"));
            return this;
        }

        /**
         * How events are scored, after the alerts: {@code ModelScoringStage} for the spec's model; by default
         * {@link UnscoredStage} (null scores).
         */
        public Builder scoring(ScoringStage stage) {
            this.scoring = Objects.requireNonNull(stage, "scoring");
            return this;
        }

        /** Alert rules, evaluated after the stages (features) on every event, keyed by the event's key. */
        public Builder alerts(AlertPlan plan) {
            this.alerts = Objects.requireNonNull(plan, "alerts");
            return this;
        }

        /**
         * A second sink for every encoded output (it picks what it stores, e.g. scores and alerts for a results
         * database), next to the Kafka sink. None by default.
         */
        public Builder resultStore(Sink<OutputRecord> store) {
            this.resultStore = Objects.requireNonNull(store, "resultStore");
            return this;
        }

        /** Monitors drift of the model's inputs and score against these baselines; none by default. */
        public Builder drift(DriftPlan plan) {
            this.drift = plan;
            return this;
        }

        /** The brokers' {@code max.message.bytes} of the output topics, now and on a restart; none by default. */
        public Builder topicLimits(TopicLimits limits) {
            this.topicLimits = Objects.requireNonNull(limits, "topicLimits");
            return this;
        }

        public PipelineJob build() {
            Objects.requireNonNull(sources, "sources: call sources(...) with the job's input factory");
            Objects.requireNonNull(sink, "sink: call sink(...) with the job's output sink");
            return new PipelineJob(this);
        }
    }
}
