package io.streamscore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamscore.cli.local.CheckpointLocator;
import io.streamscore.cli.local.LocalRuntime;
import io.streamscore.cli.testing.GeneratedInput;
import io.streamscore.cli.testing.TopicReader;
import io.streamscore.flink.PipelineConfiguration;
import io.streamscore.flink.internal.FeatureGroupUids;
import io.streamscore.flink.internal.OperatorIds;
import io.streamscore.flink.internal.RecordedUids;
import io.streamscore.flink.job.KafkaPipeline;
import io.streamscore.generate.GeneratedRecord;
import io.streamscore.spec.PipelineSpec;
import io.streamscore.spec.SpecLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A spec's first feature group (by user) is removed and the job resumed from its checkpoint with
 * {@code --allow-non-restored-state}: the second group (by card) keeps its windows, whether the checkpoint was
 * written by a job from before v2 uids (the card group then stood at position 1 and keeps that uid, though now
 * first) or by a v2 job. The proof is a card's count over the hour after the restore, which includes the card's
 * payments before the checkpoint; a group that lost its state would count the new payment alone.
 */
class FeatureGroupRemovalITCase extends PipelineTestBase {
    private static final String CARD_FEATURE = """
              - name: card_tx_1h
                key: card_id
                aggregation: count
                window: 1h
            """;
    private static final PipelineSpec USER_AND_CARD = SpecLoader.parse(specYaml("json") + """
            features:
              - name: user_tx_1h
                key: user_id
                aggregation: count
                window: 1h
            """ + CARD_FEATURE, Path.of("."));
    private static final PipelineSpec CARD_ONLY = SpecLoader.parse(specYaml("json") + "features:\n" + CARD_FEATURE,
            Path.of("."));
    /** The uids a job from before v2 gave the groups of {@link #USER_AND_CARD}: their positions and key names. */
    private static final FeatureGroupUids POSITIONAL = FeatureGroupUids.keeping(Map.of(
            OperatorIds.features("transactions", List.of("user_id")), "features-v1-0-user_id",
            OperatorIds.features("transactions", List.of("card_id")), "features-v1-1-card_id"));

    @Test
    void aCheckpointOfAJobWithPositionalUidsKeepsTheCardWindowsWhenTheUserGroupIsRemoved(@TempDir Path workDir)
            throws Exception {
        Payments payments = Payments.generate();
        Path checkpoint = checkpointAfter(payments.before(), workDir, runtime -> startPositional(runtime));

        String path = checkpoint.toUri().toString();
        assertThat(KafkaPipeline.featureUids(CARD_ONLY, path, RecordedUids.read(path)).kept())
                .containsExactly(Map.entry("features-v2-transactions-card_id", "features-v1-1-card_id"));
        assertThat(cardCountAfterRestore(payments, checkpoint, workDir)).isEqualTo(payments.expectedCardCount());
    }

    @Test
    void aCheckpointOfAV2JobKeepsTheCardWindowsWhenTheUserGroupIsRemoved(@TempDir Path workDir) throws Exception {
        Payments payments = Payments.generate();
        Path checkpoint = checkpointAfter(payments.before(), workDir, runtime -> runtime.startJob(List.of()));

        String path = checkpoint.toUri().toString();
        assertThat(KafkaPipeline.featureUids(CARD_ONLY, path, RecordedUids.read(path)).kept()).isEmpty();
        assertThat(cardCountAfterRestore(payments, checkpoint, workDir)).isEqualTo(payments.expectedCardCount());
    }

    /**
     * The payments, split before the last one whose card paid at least twice before: those go in before the
     * checkpoint, that one after the restore.
     */
    private record Payments(List<GeneratedRecord> before, GeneratedRecord after, long expectedCardCount) {
        static Payments generate() throws Exception {
            List<GeneratedRecord> records =
                    GeneratedInput.transactions(inputConfig("json").clean().build(), 400).records();
            for (int last = records.size() - 1; last > 0; last--) {
                String card = card(records.get(last));
                List<GeneratedRecord> before = records.subList(0, last);
                long earlier = before.stream().filter(record -> card.equals(card(record))).count();
                if (earlier >= 2) {
                    return new Payments(before, records.get(last), earlier + 1);
                }
            }
            throw new AssertionError("no card pays three times in the generated payments");
        }

        private static String card(GeneratedRecord record) {
            try {
                return JSON.readTree(record.value()).get("card_id").asText();
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        }
    }

    private interface JobStart {
        JobClient start(LocalRuntime runtime) throws Exception;
    }

    /**
     * Runs {@link #USER_AND_CARD} as {@code start} starts it until every payment is scored (the scores are
     * committed, so a checkpoint holds their windows), then cancels it; that checkpoint.
     */
    private static Path checkpointAfter(List<GeneratedRecord> payments, Path workDir, JobStart start)
            throws Exception {
        try (LocalRuntime first = LocalRuntime.start(USER_AND_CARD, new LocalRuntime.Options(workDir, 2));
             TopicReader scores = new TopicReader(first.bootstrapServers(), List.of("scores"))) {
            String checkpoints = first.spec().outputs().checkpointDir();
            JobClient job = start.start(first);
            GeneratedInput.produce(first.bootstrapServers(), "transactions", payments);
            scores.readUntil(Map.of("scores", payments.size()), Duration.ofSeconds(60));
            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> CheckpointLocator.latestComplete(checkpoints).isPresent());
            job.cancel().get(60, TimeUnit.SECONDS);
            return CheckpointLocator.latestComplete(checkpoints).orElseThrow();
        }
    }

    /** The pipeline as a job from before v2 uids built it: the groups named by position and key names. */
    private static JobClient startPositional(LocalRuntime runtime) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(
                PipelineConfiguration.flinkConfiguration(runtime.spec()));
        KafkaPipeline.create(runtime.spec(), runtime.bootstrapServers(), List.of(), POSITIONAL).build(env);
        return env.executeAsync("streamscore-positional-uids");
    }

    /** Resumes {@link #CARD_ONLY} from {@code checkpoint}, dropping the user group; the last payment's card count. */
    private static double cardCountAfterRestore(Payments payments, Path checkpoint, Path workDir) throws Exception {
        try (LocalRuntime second = LocalRuntime.start(CARD_ONLY, new LocalRuntime.Options(workDir, 2));
             TopicReader scores = new TopicReader(second.bootstrapServers(), List.of("scores"))) {
            second.startJob(List.of(), checkpoint, true);
            GeneratedInput.produce(second.bootstrapServers(), "transactions", List.of(payments.after()));
            scores.readUntil(Map.of("scores", payments.before().size() + 1), Duration.ofSeconds(60));
            JsonNode score = scores.records("scores").stream().map(PipelineTestBase::json)
                    .filter(node -> node.get("event_id").asText().equals(payments.after().eventId()))
                    .findFirst().orElseThrow();
            return score.at("/features/card_tx_1h").asDouble();
        }
    }
}
