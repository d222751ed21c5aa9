package io.streamscore.train;

import io.streamscore.event.Event;
import io.streamscore.event.EventCodec;
import io.streamscore.event.MalformedRecordException;
import io.streamscore.generate.EventGenerator;
import io.streamscore.generate.GeneratedRecord;
import io.streamscore.generate.GeneratedStream;
import io.streamscore.generate.GeneratorConfig;
import io.streamscore.spec.PipelineSpec;
import io.streamscore.spec.SourceSpec;
import java.util.HashSet;
import java.util.Set;

/**
 * The feature log and labels a pipeline would have produced for generated payments, without running it: takes
 * {@code transactions} payments from the generator, decodes them with the pipeline's codec (malformed ones are
 * dropped, as they would go to the dead-letter topic), replays the spec's features over them ({@link FeatureReplay})
 * and keeps reading the generator until every one of their labels has arrived. Later payments are not replayed
 * and their labels are ignored.
 */
public final class GeneratedFeatureLog {
    /** What one replay produced. */
    public record Result(long transactions, long malformed, long late, long labels) {}

    private GeneratedFeatureLog() {}

    public static Result replay(EventGenerator generator, PipelineSpec spec, long transactions,
                                TrainingSetBuilder builder) {
        SourceSpec source = spec.sources().stream()
                .filter(s -> s.schema().name().equals(GeneratedStream.TRANSACTIONS.schemaName()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("pipeline " + spec.name() + " has no source with "
                        + "the built-in 'transaction' schema for generated payments"));
        FeatureReplay replay = new FeatureReplay(spec);
        if (!replay.columns().equals(builder.featureNames())) {
            throw new IllegalArgumentException("the builder's features " + builder.featureNames()
                    + " are not the spec's feature columns " + replay.columns());
        }
        EventCodec codec = source.codec();
        Set<String> wanted = new HashSet<>();
        long seen = 0;
        long malformed = 0;
        long labels = 0;
        long labelDeadline = Long.MAX_VALUE;
        while (generator.simulatedTime() <= labelDeadline) {
            GeneratedRecord record = generator.next();
            if (record.stream() == GeneratedStream.LABELS && wanted.remove(record.eventId())) {
                // The generated labels are the replayed source's, so they name it.
                builder.addLabel(source.name(), record.eventId(), record.fraud(), record.eventTime());
                labels++;
            } else if (record.stream() == GeneratedStream.TRANSACTIONS && seen < transactions) {
                seen++;
                Event event = decode(codec, record);
                if (event == null) {
                    malformed++;
                } else {
                    wanted.add(event.eventId);
                    double[] features = replay.apply(event);
                    if (features != null) {
                        builder.addFeatures(event.source, event.eventId, event.eventTime, features);
                    }
                }
                if (seen == transactions) {
                    labelDeadline = generator.simulatedTime() + maxLabelDelayMillis(generator.config()) + 1;
                }
            }
            if (seen == transactions && wanted.isEmpty()) {
                break;
            }
        }
        return new Result(seen, malformed, replay.lateEvents(), labels);
    }

    /** No label comes later than this after its payment was emitted. */
    private static long maxLabelDelayMillis(GeneratorConfig config) {
        return (long) Math.ceil(config.labelDelayMax().toMillis() / config.labelTimeScale());
    }

    private static Event decode(EventCodec codec, GeneratedRecord record) {
        try {
            return codec.decode(record.value(), record.eventTime());
        } catch (MalformedRecordException e) {
            return null;
        }
    }
}
