package io.streamscore.flink.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.alerts.AlertPlanCompiler;
import io.streamscore.event.Event;
import io.streamscore.features.FeaturePlan;
import io.streamscore.features.FeaturePlanCompiler;
import io.streamscore.flink.PipelineJob;
import io.streamscore.flink.ingest.Ingested;
import io.streamscore.flink.internal.FeatureGroupUids;
import io.streamscore.flink.internal.OperatorIds;
import io.streamscore.flink.scoring.ScoreRecord;
import io.streamscore.flink.scoring.ScoringStage;
import io.streamscore.spec.PipelineSpec;
import io.streamscore.spec.SpecLoader;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

/**
 * Where the scores go: with a sink of their own it is chained into the scoring task, even behind scoring with a
 * broadcast input (a task of its own, as the model's scoring is), so the one output every event has crosses no
 * network; every other output still reaches the shared sink, and a result store still gets the scores.
 */
class OutputSinksGraphTest {
    private static final PipelineSpec SPEC = SpecLoader.load(Path.of("../examples/fraud.yaml"));

    private static PipelineJob.Builder fraudJob() {
        FeaturePlan features = FeaturePlanCompiler.compile(SPEC);
        return PipelineJob.builder(SPEC)
                .sources((e, source, watermarks) -> e.fromData(List.<Ingested>of(), TypeInformation.of(Ingested.class)))
                .sink(new DiscardingSink<>())
                .features(features, FeatureGroupUids.V2)
                .alerts(AlertPlanCompiler.compile(SPEC, features))
                .scoring(new BroadcastScoringStage());
    }

    private static StreamGraph graph(PipelineJob job) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        job.build(env);
        return env.getStreamGraph();
    }

    @Test
    void scoresWithASinkOfTheirOwnAreWrittenFromTheScoringTask() {
        StreamGraph graph = graph(fraudJob().scoresSink(new DiscardingSink<>()).build());
        StreamNode scoresSink = writer(graph, OperatorIds.KAFKA_SCORES_SINK);
        StreamNode sharedSink = writer(graph, OperatorIds.KAFKA_SINK);

        JobGraph jobGraph = graph.getJobGraph();
        assertThat(task(jobGraph, scoresSink.getOperatorName()).getName()).as("the scores sink's task")
                .contains(node(graph, OperatorIds.SCORING).getOperatorName());
        assertThat(upstreamUids(graph, scoresSink)).containsExactly(OperatorIds.ENCODE_SCORES);
        assertThat(upstreamUids(graph, sharedSink)).doesNotContain(OperatorIds.ENCODE_SCORES)
                .contains(OperatorIds.ENCODE_DEAD_LETTERS, OperatorIds.ENCODE_ALERTS);
    }

    @Test
    void withoutASinkOfTheirOwnTheScoresGoToTheSharedSink() {
        StreamGraph graph = graph(fraudJob().build());

        assertThat(graph.getStreamNodes())
                .noneMatch(n -> OperatorIds.KAFKA_SCORES_SINK.equals(n.getTransformationUID()));
        assertThat(upstreamUids(graph, writer(graph, OperatorIds.KAFKA_SINK))).contains(OperatorIds.ENCODE_SCORES,
                OperatorIds.ENCODE_DEAD_LETTERS);
    }

    @Test
    void aResultStoreGetsTheScoresAndTheAlertsEitherWay() {
        StreamGraph graph = graph(fraudJob().scoresSink(new DiscardingSink<>()).resultStore(new DiscardingSink<>())
                .build());

        assertThat(upstreamUids(graph, writer(graph, OperatorIds.RESULTS_STORE_SINK)))
                .contains(OperatorIds.ENCODE_SCORES, OperatorIds.ENCODE_ALERTS);
    }

    private static StreamNode node(StreamGraph graph, String uid) {
        return graph.getStreamNodes().stream().filter(n -> uid.equals(n.getTransformationUID())).findFirst()
                .orElseThrow(() -> new AssertionError("no operator " + uid));
    }

    /** A sink's writer: the node of its uid (a sink's committer, if any, comes after it). */
    private static StreamNode writer(StreamGraph graph, String uid) {
        return node(graph, uid);
    }

    private static List<String> upstreamUids(StreamGraph graph, StreamNode node) {
        return node.getInEdges().stream().map(edge -> graph.getStreamNode(edge.getSourceId()).getTransformationUID())
                .toList();
    }

    /** The task (chain) that runs the operator named {@code name}; a chain's name lists its operators. */
    private static JobVertex task(JobGraph jobGraph, String name) {
        return java.util.stream.StreamSupport.stream(jobGraph.getVertices().spliterator(), false)
                .filter(vertex -> vertex.getName().contains(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no task runs " + name));
    }

    /** Scoring with a broadcast input, like the model's: every event gets a null score. */
    private static final class BroadcastScoringStage implements ScoringStage {
        @Override
        public Output apply(DataStream<Event> events) {
            MapStateDescriptor<String, String> plans = new MapStateDescriptor<>("plans", Types.STRING, Types.STRING);
            DataStream<String> control = events.getExecutionEnvironment().fromData("plan").setParallelism(1);
            DataStream<ScoreRecord> scores = events.connect(control.broadcast(plans))
                    .process(new NullScores()).uid(OperatorIds.SCORING).name("scoring: broadcast (test)");
            return new Output(scores, List.of());
        }
    }

    private static final class NullScores extends BroadcastProcessFunction<Event, String, ScoreRecord> {
        @Override
        public void processElement(Event event, ReadOnlyContext context, Collector<ScoreRecord> out) {
            out.collect(ScoreRecord.of(event));
        }

        @Override
        public void processBroadcastElement(String plan, Context context, Collector<ScoreRecord> out) {}
    }
}
