package io.streamscore.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Both codecs, every built-in schema: what is encoded decodes to the same event, and to the same bytes again. */
class CodecRoundTripTest {
    private static final int RECORDS = 300;

    static Stream<Arguments> codecs() {
        return EventSchema.BUILT_IN.stream().sorted()
                .flatMap(schema -> Stream.of(Arguments.of(schema, "json"), Arguments.of(schema, "avro")));
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("codecs")
    void randomEventsIncludingNullsSurviveEncodeAndDecode(String schemaName, String format)
            throws MalformedRecordException {
        EventCodec codec = codecOf(schemaName, format);
        RandomEvents events = randomEvents(schemaName, schemaName.hashCode());
        int withMissingValues = 0;

        for (int i = 0; i < RECORDS; i++) {
            Event event = events.next();
            byte[] bytes = codec.encode(event);
            Event decoded = codec.decode(bytes, EventFixtures.INGEST_TIME);

            assertThat(decoded).as("record %d", i).isEqualTo(event);
            assertThat(codec.encode(decoded)).as("record %d re-encoded", i).isEqualTo(bytes);
            withMissingValues += hasMissingValue(event) ? 1 : 0;
        }
        boolean schemaHasNullables = EventFixtures.builtIn(schemaName).fields().stream().anyMatch(EventField::nullable);
        if (schemaHasNullables) {
            assertThat(withMissingValues).as("events with nulls").isBetween(RECORDS / 10, RECORDS - 1);
        } else {
            assertThat(withMissingValues).as("events with nulls").isZero();
        }
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("codecs")
    void codecStillDecodesAfterJavaSerialization(String schemaName, String format) throws Exception {
        EventCodec codec = codecOf(schemaName, format);
        Event event = randomEvents(schemaName, 7).next();
        byte[] bytes = codec.encode(event);

        EventCodec shipped = serializeAndBack(codec);

        assertThat(shipped.decode(bytes, EventFixtures.INGEST_TIME)).isEqualTo(event);
        assertThat(shipped.encode(event)).isEqualTo(bytes);
    }

    private static EventCodec codecOf(String schemaName, String format) {
        EventSchema schema = EventFixtures.builtIn(schemaName);
        SourceBinding binding = EventFixtures.bindingOf(schema);
        return format.equals("json") ? new JsonEventCodec(schema, binding) : new AvroEventCodec(schema, binding);
    }

    private static RandomEvents randomEvents(String schemaName, long seed) {
        EventSchema schema = EventFixtures.builtIn(schemaName);
        return new RandomEvents(schema, EventFixtures.bindingOf(schema), seed);
    }

    private static boolean hasMissingValue(Event event) {
        return Arrays.stream(event.numbers).anyMatch(Double::isNaN) || Arrays.asList(event.strings).contains(null);
    }

    private static EventCodec serializeAndBack(EventCodec codec) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(codec);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (EventCodec) in.readObject();
        }
    }
}
