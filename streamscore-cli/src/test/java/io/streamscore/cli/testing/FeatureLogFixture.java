package io.streamscore.cli.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamscore.cli.demo.DemoGenerator;
import io.streamscore.event.Event;
import io.streamscore.event.EventCodec;
import io.streamscore.event.MalformedRecordException;
import io.streamscore.generate.EventGenerator;
import io.streamscore.generate.GeneratedRecord;
import io.streamscore.generate.GeneratedStream;
import io.streamscore.generate.GeneratorConfig;
import io.streamscore.spec.PipelineSpec;
import io.streamscore.train.FeatureReplay;
import java.util.ArrayList;
import java.util.List;

/**
 * A pipeline's output as training reads it: score records with a {@code features} object, shaped as the scores
 * topic carries them, for generated payments (features replayed from the spec), and the generator's label records
 * as they arrive on the labels topic, in generation order. Labels arriving after the last payment are included
 * only up to {@code labelTail} more records, so some payments stay unlabeled, as in a live topic.
 */
public record FeatureLogFixture(List<byte[]> scoreRecords, List<byte[]> labels) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static FeatureLogFixture generate(PipelineSpec spec, long seed, int payments, int labelTail) {
        FeatureReplay replay = new FeatureReplay(spec);
        EventCodec codec = DemoGenerator.transactionSource(spec).codec();
        GeneratorConfig config = DemoGenerator.configFor(DemoGenerator.transactionSource(spec), seed,
                GeneratorConfig.DEFAULT_START_TIME, 5000).build();
        EventGenerator generator = new EventGenerator(config);
        List<byte[]> scores = new ArrayList<>();
        List<byte[]> labels = new ArrayList<>();
        int seen = 0;
        int tail = 0;
        while (tail < labelTail) {
            GeneratedRecord record = generator.next();
            if (record.stream() == GeneratedStream.LABELS) {
                labels.add(record.value());
                tail += seen >= payments ? 1 : 0;
            } else if (record.stream() == GeneratedStream.TRANSACTIONS && seen < payments) {
                seen++;
                Event event = decode(codec, record);
                double[] features = event == null ? null : replay.apply(event);
                if (features != null) {
                    scores.add(scoreRecord(event, replay.columns(), features));
                }
            }
        }
        return new FeatureLogFixture(scores, labels);
    }

    private static byte[] scoreRecord(Event event, List<String> columns, double[] features) {
        ObjectNode record = JSON.createObjectNode().put("event_id", event.eventId).put("key", event.key)
                .put("source", event.source).put("event_time", event.eventTime).put("ingest_time", 1L)
                .put("output_time", 2L).putNull("score").putNull("model_name").putNull("model_version");
        ObjectNode values = record.putObject("features");
        for (int i = 0; i < columns.size(); i++) {
            if (Double.isNaN(features[i])) {
                values.putNull(columns.get(i));
            } else {
                values.put(columns.get(i), features[i]);
            }
        }
        try {
            return JSON.writeValueAsBytes(record);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Event decode(EventCodec codec, GeneratedRecord record) {
        try {
            return codec.decode(record.value(), 0);
        } catch (MalformedRecordException e) {
            return null;
        }
    }
}
