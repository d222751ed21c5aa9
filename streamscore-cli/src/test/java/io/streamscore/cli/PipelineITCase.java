package io.streamscore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamscore.cli.local.LocalRuntime;
import io.streamscore.cli.testing.GeneratedInput;
import io.streamscore.cli.testing.TopicReader;
import io.streamscore.spec.OutputsSpec;
import io.streamscore.spec.PipelineSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The whole ingest path through a real Kafka broker and a Flink MiniCluster, for both input formats. */
class PipelineITCase extends PipelineTestBase {
    private static final int TRANSACTIONS = 4_000;

    @ParameterizedTest
    @ValueSource(strings = {"json", "avro"})
    void everyInputRecordEndsInExactlyOneOutputExactlyOnce(String format) throws Exception {
        PipelineSpec spec = spec(format);
        GeneratedInput input = GeneratedInput.transactions(inputConfig(format).build(), TRANSACTIONS);
        assertThat(input.malformed()).isNotEmpty();
        assertThat(input.expectedLateIds()).isNotEmpty();

        try (LocalRuntime runtime = LocalRuntime.start(spec, LocalRuntime.Options.defaults())) {
            // A backlog read at full speed is the hard case for watermarks: lateness must still be judged per record.
            input.produce(runtime.bootstrapServers(), "transactions");
            runtime.startJob(List.of());
            OutputsSpec outputs = runtime.spec().outputs();
            try (TopicReader reader = readOutputs(runtime.bootstrapServers(), outputs)) {
                awaitOutputs(reader, outputs, input, Duration.ofSeconds(120));

                assertEveryRecordInExactlyOneOutputOnce(reader, outputs, input);
                JsonNode score = json(reader.records(outputs.scoresTopic()).get(0));
                assertThat(score.get("score").isNull()).isTrue();
                assertThat(score.get("output_time").asLong()).isGreaterThanOrEqualTo(score.get("ingest_time").asLong());
                JsonNode late = json(reader.records(outputs.lateTopic()).get(0));
                assertThat(late.get("lateness_ms").asLong()).isGreaterThan(30_000);
                assertThat(late.get("event").get("amount").isNumber()).isTrue();
            }
        }
    }
}
