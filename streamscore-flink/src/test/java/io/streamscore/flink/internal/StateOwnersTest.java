package io.streamscore.flink.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.flink.job.KafkaPipeline;
import io.streamscore.spec.PipelineSpec;
import io.streamscore.spec.SpecLoader;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

/**
 * The operator ids {@link StateOwners} computes are the ones Flink gives operators (from job graphs Flink builds: a
 * small one whose vertices are told apart by name, and the fraud example's whole job), so a hash in a savepoint or in
 * Flink's refusal of one is found again as its uid.
 */
class StateOwnersTest {
    private static final Path FRAUD = Path.of("../examples/fraud.yaml");

    @Test
    void theOperatorIdOfAUidIsTheOneFlinkGivesTheOperator() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.disableOperatorChaining();
        Map<String, String> uidByName = Map.of("numbers", OperatorIds.source("zahlungen-\u00fc"),
                "groups", OperatorIds.features("transactions", List.of("card_id")), "rules", OperatorIds.ALERTS);
        env.fromSequence(0, 1).uid(uidByName.get("numbers")).name("numbers")
                .map(Long::intValue).uid(uidByName.get("groups")).name("groups")
                .map(Integer::longValue).uid(uidByName.get("rules")).name("rules");

        Map<String, String> flinks = new LinkedHashMap<>();
        for (JobVertex vertex : env.getStreamGraph().getJobGraph().getVertices()) {
            String name = vertex.getName().replace("Source: ", "");
            flinks.put(name, vertex.getOperatorIDs().get(0).getGeneratedOperatorID().toHexString());
        }

        assertThat(flinks).hasSize(3);
        uidByName.forEach((name, uid) -> assertThat(StateOwners.operatorId(uid)).as(uid).isEqualTo(flinks.get(name)));
    }

    @Test
    void everyUidOfTheFraudJobIsACandidateWithFlinksOperatorId() {
        PipelineSpec spec = SpecLoader.load(FRAUD);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        KafkaPipeline.create(spec, "127.0.0.1:9092", List.of(), FeatureGroupUids.V2).build(env);
        StreamGraph graph = env.getStreamGraph();
        List<String> uids = graph.getStreamNodes().stream().map(StreamNode::getTransformationUID)
                .filter(Objects::nonNull).toList();
        Set<String> flinks = new HashSet<>();
        for (JobVertex vertex : graph.getJobGraph().getVertices()) {
            vertex.getOperatorIDs().forEach(pair -> flinks.add(pair.getGeneratedOperatorID().toHexString()));
        }
        Map<String, String> candidates = StateOwners.candidateUids(spec);

        assertThat(uids).contains(OperatorIds.ALERTS, OperatorIds.source("transactions"),
                OperatorIds.features("transactions", List.of("card_id")));
        for (String uid : uids) {
            assertThat(flinks).as(uid).contains(StateOwners.operatorId(uid));
            assertThat(candidates).as(uid).containsEntry(StateOwners.operatorId(uid), uid);
        }
    }

    @Test
    void aRemovedFeatureGroupKeyedByASourceFieldIsACandidateBySourceAndAtALaterPosition() {
        PipelineSpec spec = SpecLoader.load(FRAUD);
        String merchantGroup = OperatorIds.features("transactions", List.of("merchant_id"));
        String merchantGroupV1 = OperatorIds.featuresV1(5, List.of("merchant_id"));

        assertThat(StateOwners.candidateUids(spec))
                .containsEntry(StateOwners.operatorId(merchantGroup), merchantGroup)
                .containsEntry(StateOwners.operatorId(merchantGroupV1), merchantGroupV1);
        assertThat(StateOwners.candidateUids(spec)).doesNotContainValue(OperatorIds.source("clicks"));
    }

    @Test
    void aUidIsDescribedByTheSpecPartThatOwnsIt() {
        assertThat(StateOwners.describe(OperatorIds.features("transactions", List.of("user_id", "card_id"))))
                .isEqualTo("uid features-v2-transactions-user_id+card_id: the feature group of source transactions "
                        + "keyed by user_id+card_id (its windows)");
        assertThat(StateOwners.describe(OperatorIds.features("payments-eu", List.of("card_id"))))
                .isEqualTo("uid features-v2-payments-eu-card_id: the feature group of source payments-eu keyed by "
                        + "card_id (its windows)");
        assertThat(StateOwners.describe(OperatorIds.featuresV1(1, List.of("card_id"))))
                .isEqualTo("uid features-v1-1-card_id: the feature group at position 1 keyed by card_id (its windows)");
        assertThat(StateOwners.describe(OperatorIds.ALERTS))
                .isEqualTo("uid alerts-v1: the alert rules that do not read `score` (their cooldowns)");
        assertThat(StateOwners.describe(OperatorIds.source("clicks")))
                .isEqualTo("uid source-v1-clicks: the Kafka source `clicks` (its offsets)");
        assertThat(StateOwners.describe("Sink Committer: " + OperatorIds.KAFKA_SINK)).isEqualTo(
                "uid Sink Committer: kafka-sink-v1: the Kafka output sink (its pending transactions)");
        assertThat(StateOwners.describe("encode-late-v1-clicks")).isEqualTo("uid encode-late-v1-clicks");
    }
}
