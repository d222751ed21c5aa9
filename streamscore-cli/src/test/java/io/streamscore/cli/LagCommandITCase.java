package io.streamscore.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamscore.cli.local.LocalRuntime;
import io.streamscore.cli.testing.CommandRun;
import io.streamscore.cli.testing.GeneratedInput;
import io.streamscore.cli.testing.TestCertificates;
import io.streamscore.cli.testing.TopicReader;
import io.streamscore.spec.OutputsSpec;
import io.streamscore.spec.SpecLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code streamscore lag} against a local run's broker: before the job has run, every record produced counts (from the
 * earliest, no offsets committed); once the job has read and checkpointed everything, 0 with the group's offsets at the
 * end of each partition. A missing topic, an embedded bootstrap without {@code --bootstrap-servers} and a broker that
 * does not answer are named.
 */
class LagCommandITCase extends PipelineTestBase {
    private static final int RECORDS = 1_000;

    @Test
    void lagCountsEveryUnreadRecordBeforeTheJobAndNoneOnceItCaughtUp(@TempDir Path dir) throws Exception {
        Path specFile = Files.writeString(dir.resolve("spec.yaml"), specYaml("json"));
        GeneratedInput input = GeneratedInput.transactions(inputConfig("json").build(), RECORDS);
        try (LocalRuntime runtime = LocalRuntime.start(SpecLoader.load(specFile), LocalRuntime.Options.defaults())) {
            String kafka = runtime.bootstrapServers();
            input.produce(kafka, "transactions");

            CommandRun before = CommandRun.streamscore("lag", specFile.toString(), "--bootstrap-servers", kafka);

            assertThat(before.exit()).as(before.err()).isZero();
            List<String> lines = before.out().lines().toList();
            assertThat(lines.get(0)).matches("SOURCE +TOPIC +PARTITION +COMMITTED +END +LAG");
            assertThat(lines.subList(1, 3)).allSatisfy(line -> assertThat(line)
                    .matches("transactions +transactions +[01] +- +\\d+ +\\d+"));
            assertThat(lines.get(3)).isEqualTo("transactions: " + RECORDS + " records behind (consumer group "
                    + "streamscore-it-pipeline-transactions; no offsets committed yet: the job has not completed a "
                    + "checkpoint, so counted from the earliest record)");
            CommandRun overLimit = CommandRun.streamscore("lag", specFile.toString(), "--bootstrap-servers", kafka,
                    "--max-lag", Integer.toString(RECORDS - 1));
            CommandRun atLimit = CommandRun.streamscore("lag", specFile.toString(), "--bootstrap-servers", kafka,
                    "--max-lag", Integer.toString(RECORDS));
            assertThat(overLimit.exit()).isEqualTo(3);
            assertThat(overLimit.err()).isEqualTo("lag: transactions is " + RECORDS + " records behind, more than "
                    + "--max-lag " + (RECORDS - 1) + System.lineSeparator());
            assertThat(atLimit.exit()).as(atLimit.err()).isZero();

            runtime.startJob(List.of());
            OutputsSpec outputs = runtime.spec().outputs();
            try (TopicReader reader = readOutputs(kafka, outputs)) {
                awaitOutputs(reader, outputs, input, Duration.ofSeconds(120));
            }
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                CommandRun after = CommandRun.streamscore("lag", specFile.toString(), "--bootstrap-servers", kafka,
                        "--json");
                assertThat(after.exit()).as(after.err()).isZero();
                JsonNode source = JSON.readTree(after.out()).get("sources").get(0);
                assertThat(source.get("lag").asLong()).isZero();
                assertThat(source.get("committed").asBoolean()).isTrue();
                assertThat(source.get("partitions")).hasSize(2).allSatisfy(partition -> assertThat(
                        partition.get("committed").asLong()).isEqualTo(partition.get("end").asLong()));
                long end = 0;
                for (JsonNode partition : source.get("partitions")) {
                    end += partition.get("end").asLong();
                }
                assertThat(end).as("records in the topic").isEqualTo(RECORDS);
            });
        }
    }

    @Test
    void aMissingTopicAnEmbeddedBootstrapAndASilentBrokerAreNamed(@TempDir Path dir) throws Exception {
        Path specFile = Files.writeString(dir.resolve("spec.yaml"), specYaml("json"));
        Path otherTopic = Files.writeString(dir.resolve("other.yaml"),
                specYaml("json").replace("topic: transactions", "topic: no-such-topic"));
        try (LocalRuntime runtime = LocalRuntime.start(SpecLoader.load(specFile), LocalRuntime.Options.defaults())) {
            CommandRun missing = CommandRun.streamscore("lag", otherTopic.toString(), "--bootstrap-servers",
                    runtime.bootstrapServers());

            assertThat(missing.exit()).isEqualTo(1);
            assertThat(missing.err())
                    .startsWith("error: sources.transactions.topic: topic no-such-topic does not exist");
        }
        CommandRun embedded = CommandRun.streamscore("lag", specFile.toString());
        assertThat(embedded.exit()).isEqualTo(2);
        assertThat(embedded.err()).contains("the spec's kafka.bootstrap is `embedded`", "pass --bootstrap-servers");

        String nobody = "127.0.0.1:" + TestCertificates.freeLoopbackPort();
        CommandRun silent = CommandRun.streamscore("lag", specFile.toString(), "--bootstrap-servers", nobody,
                "--timeout", "1s");
        assertThat(silent.exit()).isEqualTo(1);
        assertThat(silent.err()).startsWith("error: no Kafka broker answered at " + nobody);
    }
}
