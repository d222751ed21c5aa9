package io.streamscore.flink.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.spec.PipelineSpec;
import io.streamscore.spec.SpecLoader;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.junit.jupiter.api.Test;

/**
 * Which state of a checkpoint a job would leave unrestored, and how the refusal names it, without a Flink cluster:
 * recorded operators by hand, and job graphs Flink builds (not executes).
 */
class NonRestoredStateTest {
    private static final PipelineSpec FRAUD = SpecLoader.load(Path.of("../examples/fraud.yaml"));
    private static final String RULES = StateOwners.operatorId(OperatorIds.ALERTS);
    private static final String SCORE_RULES = StateOwners.operatorId(OperatorIds.SCORE_ALERTS);
    private static final String SOURCE = StateOwners.operatorId(OperatorIds.source("transactions"));
    private static final String EMPTY = StateOwners.operatorId(OperatorIds.JOIN);

    @Test
    void everyOperatorWithStateTheJobDoesNotHaveIsUnmappedAndEmptyOnesAreNot() {
        RecordedUids recorded = new RecordedUids(ordered(SOURCE, RULES, EMPTY, SCORE_RULES),
                ordered(SOURCE, RULES, SCORE_RULES), Map.of(), 0);

        assertThat(NonRestoredState.unmapped(recorded, Set.of(SOURCE))).containsExactly(RULES, SCORE_RULES);
        assertThat(NonRestoredState.unmapped(recorded, Set.of(SOURCE, RULES, SCORE_RULES))).isEmpty();
    }

    @Test
    void theJobsOperatorIdsAreEveryChainedOperatorsGeneratedAndUserDefinedId() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        String userHash = "0123456789abcdef0123456789abcdef";
        env.fromSequence(0, 1).uid(OperatorIds.source("transactions"))
                .map(Long::intValue).uid(OperatorIds.ALERTS) // chained behind the source, in the same vertex
                .map(Integer::longValue).setUidHash(userHash)
                .sinkTo(new DiscardingSink<>());

        Set<String> ids = NonRestoredState.operatorIds(env.getStreamGraph().getJobGraph());

        assertThat(ids).contains(SOURCE, RULES, userHash).doesNotContain(SCORE_RULES);
    }

    @Test
    void theRefusalNamesEveryPartWhatTheOptionDropsAndHowToKeepIt() {
        String unknown = "00000000000000000000000000000001";
        RecordedUids recorded = new RecordedUids(ordered(RULES, SCORE_RULES, unknown),
                ordered(RULES, SCORE_RULES, unknown), Map.of(SCORE_RULES, OperatorIds.SCORE_ALERTS), 0);

        String refusal = NonRestoredState.refusal(
                NonRestoredState.owners(List.of(RULES, SCORE_RULES, unknown), recorded, FRAUD), "run");

        assertThat(refusal).startsWith("The savepoint holds state of 3 parts this spec no longer has (operator "
                        + RULES + ", uid alerts-v1: the alert rules that do not read `score` (their cooldowns); "
                        + "operator " + SCORE_RULES + ", uid score-alerts-v1: the alert rules that read `score` "
                        + "(their cooldowns); operator " + unknown + ", whose uid the savepoint does not record")
                .contains("To start without the state of all of them, which is then dropped for good, run again with "
                        + "--allow-non-restored-state; to keep it, resume with the spec the savepoint was taken with.");
    }

    @Test
    void aSinglePartIsNamedAsFlinksRefusalInOurWordsNamesIt() {
        String refusal = NonRestoredState.refusal(List.of("operator X, uid join-v1: the join"), "submit");

        assertThat(refusal).isEqualTo("The savepoint holds state of a part this spec no longer has (operator X, uid "
                + "join-v1: the join). To start without that state, which is then dropped for good, submit again with "
                + "--allow-non-restored-state; to keep it, resume with the spec the savepoint was taken with.");
    }

    @Test
    void theWarningOfADropSaysFromWhereAndNamesEveryPart() {
        String warning = NonRestoredState.dropped("file:/sp/savepoint-1", List.of("operator X, uid join-v1: the join",
                "operator Y, uid alerts-v1: the alert rules"));

        assertThat(warning).isEqualTo("resuming from file:/sp/savepoint-1 with --allow-non-restored-state drops for "
                + "good the state of 2 parts this spec no longer has: operator X, uid join-v1: the join; operator Y, "
                + "uid alerts-v1: the alert rules");
    }

    /** As the metadata lists them. */
    private static Set<String> ordered(String... operatorIds) {
        return new LinkedHashSet<>(List.of(operatorIds));
    }
}
