package io.streamscore.flink.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamscore.alerts.AlertPlanCompiler;
import io.streamscore.event.EventField;
import io.streamscore.event.EventSchema;
import io.streamscore.features.Aggregation;
import io.streamscore.features.FeatureDefinition;
import io.streamscore.features.FeatureGroup;
import io.streamscore.features.FeaturePlan;
import io.streamscore.features.FeaturePlanCompiler;
import io.streamscore.features.FeatureSet;
import io.streamscore.flink.PipelineJob;
import io.streamscore.flink.ingest.Ingested;
import io.streamscore.flink.internal.FeatureGroupUids;
import io.streamscore.spec.PipelineSpec;
import io.streamscore.spec.SpecLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.graph.StreamEdge;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.apache.flink.streaming.runtime.partitioner.ForwardPartitioner;
import org.apache.flink.streaming.runtime.partitioner.KeyGroupStreamPartitioner;
import org.apache.flink.streaming.runtime.partitioner.StreamPartitioner;
import org.junit.jupiter.api.Test;

/** The feature stage inside the pipeline's graph: where it sits, its operator ids and names. */
class FeatureStageGraphTest {
    private static final PipelineSpec SPEC = SpecLoader.load(Path.of("../examples/fraud.yaml"));
    private static final EventSchema TX = EventSchema.builtIn("transaction");

    private static FeatureGroup group(String... keys) {
        List<EventField> keyFields = List.of(keys).stream().map(TX::require).toList();
        FeatureSet features = FeatureSet.of(FeatureDefinition.builder("tx_count_1h").aggregation(Aggregation.COUNT)
                .window(Duration.ofHours(1)).build());
        return new FeatureGroup("transactions", keyFields, features, 0, List.of("tx_count_1h"));
    }

    private static Map<String, String> uidsToNames(FeaturePlan plan, FeatureGroupUids uids) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        PipelineJob.builder(SPEC)
                .sources((e, source, watermarks) -> e.fromData(List.<Ingested>of(), TypeInformation.of(Ingested.class)))
                .sink(new DiscardingSink<>())
                .features(plan, uids)
                .build().build(env);
        return env.getStreamGraph().getStreamNodes().stream()
                .filter(node -> node.getTransformationUID() != null)
                .collect(Collectors.toMap(StreamNode::getTransformationUID, StreamNode::getOperatorName));
    }

    @Test
    void eachGroupGetsAnIdFromItsSourceAndKeyNamesAndAReadableName() {
        Map<String, String> operators = uidsToNames(userAndUserCardPlan(), FeatureGroupUids.V2);

        assertThat(operators).containsEntry("features-v2-transactions-user_id", "features: user_id (1 features)")
                .containsEntry("features-v2-transactions-user_id+card_id", "features: user_id+card_id (1 features)")
                .containsEntry("features-derived-v1", "features: derived (0)")
                .containsKey("encode-late-features-v1-transactions");
    }

    /** What a restore of an older job's savepoint hands over: that group's operator keeps the uid its state has. */
    @Test
    void aGroupKeepsTheOlderUidItIsGiven() {
        FeatureGroupUids uids = FeatureGroupUids.keeping(
                Map.of("features-v2-transactions-user_id+card_id", "features-v1-1-user_id+card_id"));

        Map<String, String> operators = uidsToNames(userAndUserCardPlan(), uids);

        assertThat(operators).containsEntry("features-v2-transactions-user_id", "features: user_id (1 features)")
                .containsEntry("features-v1-1-user_id+card_id", "features: user_id+card_id (1 features)")
                .doesNotContainKey("features-v2-transactions-user_id+card_id");
    }

    private static FeaturePlan userAndUserCardPlan() {
        FeatureGroup byUser = group("user_id");
        FeatureGroup byCard = new FeatureGroup("transactions", group("user_id", "card_id").keyFields(),
                byUser.features(), 1, List.of("card_tx_count_1h"));
        return new FeaturePlan(List.of(byUser, byCard), List.of(), List.of("tx_count_1h", "card_tx_count_1h"));
    }

    /**
     * The fraud spec declares the user group before the card group; the card group runs first, so the user group's
     * partitioning carries on to the alerts: two shuffles (card, then user), none before the alerts.
     */
    @Test
    void groupKeyedByTheEventKeyRunsLastAndTheAlertsReuseItsPartitioning() {
        FeaturePlan plan = FeaturePlanCompiler.compile(SPEC);
        assertThat(plan.groups().get(0).keyFields()).extracting(EventField::name).containsExactly("user_id");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        PipelineJob.builder(SPEC)
                .sources((e, source, watermarks) -> e.fromData(List.<Ingested>of(), TypeInformation.of(Ingested.class)))
                .sink(new DiscardingSink<>())
                .features(plan, FeatureGroupUids.V2)
                .alerts(AlertPlanCompiler.compile(SPEC, plan))
                .build().build(env);
        StreamGraph graph = env.getStreamGraph();
        String byCard = "features-v2-transactions-card_id";
        String byUser = "features-v2-transactions-user_id";

        assertThat(inputPartitioner(graph, byCard)).isInstanceOf(KeyGroupStreamPartitioner.class);
        assertThat(upstreamUid(graph, byCard)).startsWith("late-event-router");
        assertThat(inputPartitioner(graph, byUser)).isInstanceOf(KeyGroupStreamPartitioner.class);
        assertThat(upstreamUid(graph, byUser)).isEqualTo(byCard);
        assertThat(inputPartitioner(graph, "alerts-v1")).isInstanceOf(ForwardPartitioner.class);
        assertThat(graph.getStreamNodes()).filteredOn(node -> node.getInEdges().stream()
                .anyMatch(edge -> edge.getPartitioner() instanceof KeyGroupStreamPartitioner)).hasSize(2);
    }

    private static StreamNode node(StreamGraph graph, String uid) {
        return graph.getStreamNodes().stream().filter(node -> uid.equals(node.getTransformationUID())).findFirst()
                .orElseThrow(() -> new AssertionError("no operator " + uid));
    }

    private static StreamPartitioner<?> inputPartitioner(StreamGraph graph, String uid) {
        List<StreamEdge> edges = node(graph, uid).getInEdges();
        assertThat(edges).as("inputs of %s", uid).hasSize(1);
        return edges.get(0).getPartitioner();
    }

    private static String upstreamUid(StreamGraph graph, String uid) {
        return graph.getStreamNode(node(graph, uid).getInEdges().get(0).getSourceId()).getTransformationUID();
    }

    @Test
    void pipelineWithoutFeaturesHasNoFeatureOperators() {
        assertThat(uidsToNames(FeaturePlan.EMPTY, FeatureGroupUids.V2).keySet())
                .noneMatch(uid -> uid.contains("features"));
    }

    @Test
    void groupOfAnUnknownSourceIsRefused() {
        FeatureGroup group = new FeatureGroup("payments", List.of(TX.require("user_id")), group("user_id").features(),
                0, List.of("tx_count_1h"));
        FeaturePlan plan = new FeaturePlan(List.of(group), List.of(), List.of("tx_count_1h"));

        assertThatThrownBy(() -> new FeatureStage(plan, SPEC.sources())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'payments'").hasMessageContaining("transactions");
    }
}
