package io.streamscore.flink.ingest;

import io.streamscore.spec.SourceSpec;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Creates the stream of one source, decoded, with the given watermark strategy applied inside the source (per
 * partition). The job's seam for its inputs: production reads Kafka ({@link KafkaIngestSourceFactory}); tests may
 * hand over bounded data.
 */
@FunctionalInterface
public interface IngestSourceFactory {
    DataStream<Ingested> create(StreamExecutionEnvironment env, SourceSpec source,
                                WatermarkStrategy<Ingested> watermarks);
}
