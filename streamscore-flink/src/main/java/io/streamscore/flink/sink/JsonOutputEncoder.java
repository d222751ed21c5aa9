package io.streamscore.flink.sink;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/**
 * The common shape of the JSON outputs (scores, alerts, late events): one JSON object per record, keyed by the
 * entity key, with {@code output_time} stamped here, the last step before the sink. The output time is also the
 * Kafka record timestamp, never the event time: old event times would be deleted by topic retention right away.
 */
public abstract class JsonOutputEncoder<T> extends RichMapFunction<T, OutputRecord> {
    private final String topic;
    private transient JsonRecordWriter writer;

    protected JsonOutputEncoder(String topic) {
        this.topic = topic;
    }

    @Override
    public void open(OpenContext openContext) {
        writer = new JsonRecordWriter();
    }

    @Override
    public final OutputRecord map(T record) {
        long now = System.currentTimeMillis();
        byte[] value = writer.write(json -> {
            json.writeStartObject();
            writeFields(record, now, json);
            json.writeEndObject();
        });
        return new OutputRecord(topic, key(record).getBytes(StandardCharsets.UTF_8), value, now, null);
    }

    /** The Kafka key: the entity the record is about. */
    protected abstract String key(T record);

    /** Writes the record's fields into the open object; {@code outputTime} is the value of {@code output_time}. */
    protected abstract void writeFields(T record, long outputTime, JsonGenerator json) throws IOException;
}
