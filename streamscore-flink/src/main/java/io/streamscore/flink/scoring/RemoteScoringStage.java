package io.streamscore.flink.scoring;

import io.streamscore.event.Event;
import io.streamscore.event.EventSchema;
import io.streamscore.flink.internal.OperatorIds;
import io.streamscore.serving.client.RemoteScoringConfig;
import io.streamscore.spec.ModelSpec;
import io.streamscore.spec.PipelineSpec;
import io.streamscore.spec.SourceSpec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * Scoring through a remote model server ({@code model.remote}):
 * <pre>
 * events -> async I/O (ordered or unordered) -> RemoteScoringFunction -> micro-batches -> OIP server -> scores
 * </pre>
 * The operator holds at most {@code max_batch * max_in_flight * 2} events; its deadline is the scorer's whole
 * retry budget and more, so normally the scorer's own fallback answers first.
 */
public final class RemoteScoringStage implements ScoringStage {
    private static final long serialVersionUID = 1L;

    private final PipelineSpec spec;
    private final ModelSpec model;
    private final RemoteScoringConfig remote;
    private final List<String> featureColumns;

    public RemoteScoringStage(PipelineSpec spec, List<String> featureColumns) {
        this.spec = spec;
        this.model = spec.model().orElseThrow(() -> new IllegalArgumentException("the spec has no model section"));
        this.remote = model.remoteScoring().orElseThrow(() -> new IllegalArgumentException("model.remote is not set"));
        this.featureColumns = List.copyOf(featureColumns);
    }

    @Override
    public Output apply(DataStream<Event> events) {
        Map<String, EventSchema> schemas = new LinkedHashMap<>();
        for (SourceSpec source : spec.sources()) {
            schemas.put(source.name(), source.schema());
        }
        RemoteScoringFunction function = new RemoteScoringFunction(model, featureColumns, schemas);
        int capacity = remote.maxBatch() * remote.maxInFlight() * 2;
        long deadline = deadline(remote).toMillis();
        SingleOutputStreamOperator<ScoreRecord> scores = remote.ordered()
                ? AsyncDataStream.orderedWait(events, function, deadline, TimeUnit.MILLISECONDS, capacity)
                : AsyncDataStream.unorderedWait(events, function, deadline, TimeUnit.MILLISECONDS, capacity);
        return new Output(scores.uid(OperatorIds.REMOTE_SCORING).name("scoring: remote model " + remote.model()),
                List.of());
    }

    /**
     * Every attempt with its timeout and longest backoff, for every batch that may queue ahead, plus slack. An
     * attempt over REST may take the timeout twice: to the response's headers, then for its body.
     */
    static Duration deadline(RemoteScoringConfig remote) {
        Duration attempt = remote.timeout().multipliedBy(2).plus(remote.backoff().multipliedBy(3L << remote.retries()));
        return attempt.multipliedBy((remote.retries() + 1L) * 3).plus(remote.maxWait()).plus(Duration.ofSeconds(10));
    }
}
