package io.streamscore.flink.sink;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import io.streamscore.flink.metrics.PipelineMetrics;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;

/**
 * The common shape of the JSON outputs (scores, alerts, late events): one JSON object per record, keyed by the
 * entity key, with {@code output_time} stamped here, the last step before the sink. The output time is also the
 * Kafka record timestamp, never the event time: old event times would be deleted by topic retention right away.
 *
 * <p>An encoder given an {@link OutputLimitSource} (those whose records copy user data) measures each record it
 * writes against the limit it got when its task opened: one comparison of lengths. A record the producer or the
 * broker would refuse goes to the dead-letter topic instead, as {@code output_too_large}, counted in
 * {@code outputs_too_large} under the topic it was meant for.
 */
public abstract class JsonOutputEncoder<T> extends RichMapFunction<T, OutputRecord> {
    private final String topic;
    private final OutputLimitSource limits;
    private transient OutputSizeLimit limit;
    private transient JsonRecordWriter writer;
    private transient Counter tooLarge;

    /** An encoder whose records are bounded by the spec and the id and key limits, not by the data. */
    protected JsonOutputEncoder(String topic) {
        this(topic, null);
    }

    /** An encoder whose records larger than the limit from {@code limits} go to its dead-letter topic. */
    protected JsonOutputEncoder(String topic, OutputLimitSource limits) {
        this.topic = topic;
        this.limits = limits;
    }

    @Override
    public void open(OpenContext openContext) {
        writer = new JsonRecordWriter();
        if (limits != null) {
            limit = limits.forAttempt(getRuntimeContext().getTaskInfo().getAttemptNumber());
            tooLarge = PipelineMetrics.pipelineGroup(getRuntimeContext().getMetricGroup())
                    .addGroup(PipelineMetrics.TOPIC_GROUP, topic).counter(PipelineMetrics.OUTPUTS_TOO_LARGE);
        }
    }

    @Override
    public final OutputRecord map(T record) {
        long now = System.currentTimeMillis();
        byte[] value = writer.write(json -> {
            json.writeStartObject();
            writeFields(record, now, json);
            json.writeEndObject();
        });
        OutputRecord output = new OutputRecord(topic, key(record).getBytes(StandardCharsets.UTF_8), value, now, null);
        if (limit == null || limit.fits(output.key, value, null)) {
            return output;
        }
        tooLarge.inc();
        return limit.deadLetter(output, source(record));
    }

    /** The source of the event the record is about, for the dead letter of a record too large; null for none. */
    protected String source(T record) {
        return null;
    }

    /** The Kafka key: the entity the record is about. */
    protected abstract String key(T record);

    /** Writes the record's fields into the open object; {@code outputTime} is the value of {@code output_time}. */
    protected abstract void writeFields(T record, long outputTime, JsonGenerator json) throws IOException;
}
