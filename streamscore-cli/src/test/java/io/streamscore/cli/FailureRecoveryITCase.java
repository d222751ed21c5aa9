package io.streamscore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.cli.local.LocalRuntime;
import io.streamscore.cli.testing.GeneratedInput;
import io.streamscore.cli.testing.TopicReader;
import io.streamscore.event.Event;
import io.streamscore.flink.EventStage;
import io.streamscore.generate.GeneratedRecord;
import io.streamscore.spec.OutputsSpec;
import io.streamscore.spec.PipelineSpec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.junit.jupiter.api.Test;

/**
 * A failure mid-stream: the job throws once, after a checkpoint has completed and while input is still arriving,
 * restarts from that checkpoint, and the read_committed outputs still hold every record exactly once.
 */
class FailureRecoveryITCase extends PipelineTestBase {
    private static final int TRANSACTIONS = 6_000;
    private static final AtomicBoolean FAILED = new AtomicBoolean();
    private static final AtomicInteger CHECKPOINTS_BEFORE_FAILURE = new AtomicInteger();

    /** Throws once per JVM, on the first event after a checkpoint completed and after 1,000 events. */
    static final class FailOnceAfterCheckpoint extends RichMapFunction<Event, Event> implements CheckpointListener {
        private transient boolean checkpointed;
        private transient int seen;

        @Override
        public Event map(Event event) {
            if (++seen > 1_000 && checkpointed && FAILED.compareAndSet(false, true)) {
                throw new IllegalStateException("injected failure after " + seen + " events");
            }
            return event;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            checkpointed = true;
            if (!FAILED.get()) {
                CHECKPOINTS_BEFORE_FAILURE.incrementAndGet();
            }
        }
    }

    @Test
    void forcedFailureMidStreamRestartsFromCheckpointWithoutLossOrDuplicates() throws Exception {
        PipelineSpec spec = spec("json");
        GeneratedInput input = GeneratedInput.transactions(inputConfig("json").build(), TRANSACTIONS);
        EventStage failOnce = events -> events.map(new FailOnceAfterCheckpoint()).name("fail once (test)");

        try (LocalRuntime runtime = LocalRuntime.start(spec, LocalRuntime.Options.defaults())) {
            runtime.startJob(List.of(failOnce));
            OutputsSpec outputs = runtime.spec().outputs();
            produceInSlices(runtime.bootstrapServers(), input.records(), 10, Duration.ofMillis(400));
            try (TopicReader reader = readOutputs(runtime.bootstrapServers(), outputs)) {
                awaitOutputs(reader, outputs, input, Duration.ofSeconds(120));

                assertThat(FAILED).as("the injected failure happened").isTrue();
                assertThat(CHECKPOINTS_BEFORE_FAILURE.get()).as("a checkpoint completed before the failure").isPositive();
                assertEveryRecordInExactlyOneOutputOnce(reader, outputs, input);
            }
        }
    }

    /** Writes the input over a few seconds, so the failure lands while data is still arriving. */
    private static void produceInSlices(String bootstrap, List<GeneratedRecord> records, int slices, Duration pause)
            throws Exception {
        int size = (records.size() + slices - 1) / slices;
        for (int from = 0; from < records.size(); from += size) {
            GeneratedInput.produce(bootstrap, "transactions", records.subList(from, Math.min(records.size(), from + size)));
            Thread.sleep(pause.toMillis());
        }
    }
}
