package io.streamscore.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streamscore.cli.local.LocalRuntime;
import io.streamscore.cli.testing.GeneratedInput;
import io.streamscore.cli.testing.TopicReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exactly-once Kafka sinks' writers open a Kafka admin client each (flink-connector-kafka lists the open
 * transactions of its transactional-id pool with it) that the connector never closes: each ended job, so each
 * restart, left its admin threads reconnecting to the brokers for ever. Streamscore's sink closes them; the job's
 * admin threads must be gone once it ended.
 */
class SinkAdminClientsITCase extends PipelineTestBase {

    @Test
    void anEndedJobLeavesNoKafkaAdminClientRunning(@TempDir Path workDir) throws Exception {
        Set<Thread> before = adminThreads();
        try (LocalRuntime runtime = LocalRuntime.start(spec("json"), new LocalRuntime.Options(workDir, 2))) {
            runtime.startJob(List.of());
            GeneratedInput input = GeneratedInput.transactions(inputConfig("json").build(), 500);
            try (TopicReader reader = readOutputs(runtime.bootstrapServers(), runtime.spec().outputs())) {
                // outputs committed: the writers are past their start (a job cancelled while its writers were still
                // starting is another case: see WriterAdminClient)
                produceAndAwaitOutputs(runtime.bootstrapServers(), reader, runtime.spec().outputs(), input);
            }
            assertThat(newSince(before)).as("the running job's admin clients").isNotEmpty();

            runtime.stopJob();

            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                    .untilAsserted(() -> assertThat(names(newSince(before))).as("admin threads after the job ended")
                            .isEmpty());
        }
    }

    private static Set<Thread> newSince(Set<Thread> before) {
        Set<Thread> now = adminThreads();
        now.removeAll(before);
        return now;
    }

    private static Set<Thread> adminThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && thread.getName().startsWith("kafka-admin-client-thread"))
                .collect(Collectors.toSet());
    }

    private static List<String> names(Set<Thread> threads) {
        return threads.stream().map(Thread::getName).sorted().toList();
    }
}
