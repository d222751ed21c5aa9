package io.streamscore.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.streamscore.flink.scoring.ScoreRecord;
import io.streamscore.flink.sink.JsonRecordWriter;
import io.streamscore.flink.sink.ScoreJson;
import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One score's JSON, as the scoring task writes it for every event: the fraud example's shape (ids, times, score,
 * decision, model, 7 features with shortest-round-trip doubles). {@code current} is the encoders' path
 * ({@link JsonRecordWriter} reusing one generator, {@link ScoreJson} with pre-encoded names); {@code baseline} is
 * the previous path, kept here to be measured in the same run: a generator per record and field names as strings.
 * Records cycle through {@value #RECORDS} different ones.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ScoreEncodingBenchmark {
    private static final int RECORDS = 1024;
    private static final List<String> COLUMNS = List.of("card_tx_count_10m", "card_distinct_merchants_1h",
            "user_amount_sum_1h", "user_avg_amount_30d", "user_tx_count_24h", "user_max_amount_7d",
            "amount_vs_user_avg");

    private final ScoreRecord[] records = new ScoreRecord[RECORDS];
    private JsonRecordWriter writer;
    private ScoreJson scoreJson;
    private final JsonFactory baselineFactory = JsonFactory.builder()
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();
    private final ByteArrayBuilder baselineBuffer = new ByteArrayBuilder(512);
    private int next;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < RECORDS; i++) {
            ScoreRecord record = new ScoreRecord();
            record.eventId = "tx-" + random.nextLong(1L << 40);
            record.key = "user-" + random.nextInt(10_000);
            record.source = "transactions";
            record.eventTime = 1_767_225_600_000L + i * 17L;
            record.ingestTime = record.eventTime + random.nextInt(50);
            record.score = random.nextDouble();
            record.decision = record.score > 0.9;
            record.modelName = "fraud";
            record.modelVersion = "3";
            record.features = new double[] {random.nextInt(20), random.nextInt(8), random.nextDouble() * 5_000,
                    random.nextDouble() * 300, random.nextInt(100), random.nextDouble() * 2_000,
                    random.nextDouble() * 4};
            records[i] = record;
        }
        writer = new JsonRecordWriter();
        scoreJson = new ScoreJson(COLUMNS);
        // Both paths must write the same bytes, or the comparison would not be of equal work.
        for (int i = 0; i < RECORDS; i++) {
            if (!java.util.Arrays.equals(current(records[i]), baseline(records[i]))) {
                throw new IllegalStateException("the two paths write different JSON for record " + i);
            }
        }
    }

    private ScoreRecord nextRecord() {
        next = (next + 1) & (RECORDS - 1);
        return records[next];
    }

    @Benchmark
    public byte[] current() {
        return current(nextRecord());
    }

    @Benchmark
    public byte[] baseline() {
        return baseline(nextRecord());
    }

    private byte[] current(ScoreRecord record) {
        long now = record.ingestTime + 3;
        return writer.write(json -> {
            json.writeStartObject();
            scoreJson.write(record, now, json);
            json.writeEndObject();
        });
    }

    private byte[] baseline(ScoreRecord record) {
        baselineBuffer.reset();
        try (JsonGenerator json = baselineFactory.createGenerator(baselineBuffer)) {
            json.writeStartObject();
            json.writeStringField("event_id", record.eventId);
            json.writeStringField("key", record.key);
            json.writeStringField("source", record.source);
            json.writeNumberField("event_time", record.eventTime);
            json.writeNumberField("ingest_time", record.ingestTime);
            json.writeNumberField("output_time", record.ingestTime + 3);
            json.writeNumberField("score", record.score);
            json.writeBooleanField("decision", record.decision);
            json.writeStringField("model", record.modelName);
            json.writeStringField("model_version", record.modelVersion);
            json.writeFieldName("features");
            json.writeStartObject();
            for (int i = 0; i < COLUMNS.size(); i++) {
                json.writeNumberField(COLUMNS.get(i), record.features[i]);
            }
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return baselineBuffer.toByteArray();
    }
}
