package io.streamscore.generate;

import io.streamscore.event.Event;
import io.streamscore.event.EventSchema;
import io.streamscore.spec.Format;

/**
 * Turns one generated {@link Event} into the bytes a source of that format reads. The generator depends on this
 * one method only, so the encoding can be swapped without touching generation: today the stand-ins below; once
 * the project's {@link io.streamscore.event.EventCodec}s exist, {@code codec::encode}.
 */
@FunctionalInterface
interface RecordEncoder {

    byte[] encode(Event event);

    /** The encoder of a schema in a format. */
    static RecordEncoder forFormat(Format format, EventSchema schema) {
        RecordLayout layout = RecordLayout.of(schema);
        return switch (format) {
            case JSON -> new JsonRecordEncoder(layout);
            case AVRO -> new AvroRecordEncoder(layout);
        };
    }
}
