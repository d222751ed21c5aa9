package io.streamscore.flink.ingest;

import io.streamscore.flink.internal.OperatorIds;
import io.streamscore.spec.PipelineSpec;
import io.streamscore.spec.SourceSpec;
import java.util.Properties;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * Reads a source's topic with Flink's {@link KafkaSource}. Offsets live in Flink's checkpoints (and are committed to
 * the consumer group {@code streamscore-<pipeline>-<source>} for lag monitoring only); a first start reads from
 * the earliest offset. Input is read with {@code read_committed}, so transactional producers upstream are respected.
 */
public final class KafkaIngestSourceFactory implements IngestSourceFactory {
    private final String bootstrapServers;
    private final PipelineSpec spec;

    public KafkaIngestSourceFactory(String bootstrapServers, PipelineSpec spec) {
        this.bootstrapServers = bootstrapServers;
        this.spec = spec;
    }

    /**
     * The consumer group a source reads as: it commits its offsets there at every completed checkpoint (Flink's
     * default), so the group's lag is how far the source is behind ({@code streamscore lag}, Kafka's own tools).
     */
    public static String groupId(PipelineSpec spec, SourceSpec source) {
        return "streamscore-" + spec.name() + "-" + source.name();
    }

    @Override
    public DataStream<Ingested> create(StreamExecutionEnvironment env, SourceSpec source,
                                       WatermarkStrategy<Ingested> watermarks) {
        Properties properties = new Properties();
        properties.putAll(spec.kafka().properties());
        properties.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        KafkaSource<Ingested> kafka = KafkaSource.<Ingested>builder()
                .setBootstrapServers(bootstrapServers)
                .setTopics(source.topic())
                .setGroupId(groupId(spec, source))
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new IngestDeserializer(source.name(), source.codec()))
                .setProperties(properties)
                .build();
        return env.fromSource(kafka, watermarks, "source: " + source.name() + " <- " + source.topic())
                .uid(OperatorIds.source(source.name()));
    }
}
