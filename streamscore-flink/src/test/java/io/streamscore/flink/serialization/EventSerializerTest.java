package io.streamscore.flink.serialization;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.event.Event;
import io.streamscore.flink.PipelineConfiguration;
import io.streamscore.flink.ingest.Ingested;
import io.streamscore.spec.PipelineSpec;
import io.streamscore.spec.SpecLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

class EventSerializerTest {
    private static final EventSerializer SERIALIZER = EventSerializer.INSTANCE;

    private static Event payment() {
        Event event = new Event("transaction", "transactions", "tx-42", "u-7", 1_700_000_000_123L, 1_700_000_000_456L,
                new double[] {12.5, Double.NaN, -0.0, Double.POSITIVE_INFINITY},
                new String[] {"tx-42", "u-7", null, "", "Zürich ✓ 東京"});
        event.features = new double[] {1, Double.NaN, 3.25};
        return event;
    }

    private static Event roundTrip(Event event) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        SERIALIZER.serialize(event, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        Event read = SERIALIZER.deserialize(in);
        assertThat(in.available()).as("bytes left after the event").isZero();
        return read;
    }

    @Test
    void everyFieldSurvivesIncludingNullsNaNAndNonAsciiStrings() throws IOException {
        Event event = payment();
        assertThat(roundTrip(event)).isEqualTo(event).isNotSameAs(event);
    }

    @Test
    void idAndKeyThatAreNotAmongTheStringValuesAreWrittenInline() throws IOException {
        Event event = payment();
        event.eventId = "not-a-value";
        event.key = null;
        Event read = roundTrip(event);
        assertThat(read.eventId).isEqualTo("not-a-value");
        assertThat(read.key).isNull();
    }

    @Test
    void eventWithoutArraysRoundTrips() throws IOException {
        Event bare = new Event(null, "s", "id", "k", 1, 2, null, null);
        assertThat(roundTrip(bare)).isEqualTo(bare);
    }

    @Test
    void theIdAndKeyReferenceTheirStringValueInsteadOfRepeatingIt() throws IOException {
        Event event = payment();
        DataOutputSerializer referenced = new DataOutputSerializer(64);
        SERIALIZER.serialize(event, referenced);
        event.eventId = "tx-43";
        DataOutputSerializer inline = new DataOutputSerializer(64);
        SERIALIZER.serialize(event, inline);
        assertThat(inline.length() - referenced.length()).as("bytes of an inline id").isEqualTo(4 + "tx-43".length());
    }

    @Test
    void theBytesAreUtf8AsBeforeForAsciiAndOtherStringsAlike() throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        SERIALIZER.serialize(payment(), out);
        String bytes = new String(out.getCopyOfBuffer(), StandardCharsets.ISO_8859_1);
        byte[] utf8 = "Zürich ✓ 東京".getBytes(StandardCharsets.UTF_8);

        assertThat(bytes).contains("\0\0\0\u000btransaction", "\0\0\0\u000ctransactions")
                .contains(new String(new byte[] {0, 0, 0, (byte) utf8.length}, StandardCharsets.ISO_8859_1)
                        + new String(utf8, StandardCharsets.ISO_8859_1));
    }

    @Test
    void asciiLongerThanTheWriteBufferAndALongAsciiRunBeforeOtherCharsAreWrittenAsUtf8() throws IOException {
        Event event = payment();
        String ascii = "a".repeat(5_000); // grows the per-thread write buffer
        String mixed = "b".repeat(300) + "é" + "c".repeat(10); // copied as ASCII up to the é, then written as UTF-8
        event.strings = new String[] {ascii, mixed, "tx-42"};
        DataOutputSerializer out = new DataOutputSerializer(64);
        SERIALIZER.serialize(event, out);
        String bytes = new String(out.getCopyOfBuffer(), StandardCharsets.ISO_8859_1);

        assertThat(bytes).contains("\0\0\u0013\u0088" + ascii)
                .contains("\0\0\u0001\u0038" + new String(mixed.getBytes(StandardCharsets.UTF_8),
                        StandardCharsets.ISO_8859_1));
        assertThat(roundTrip(event)).isEqualTo(event);
    }

    @Test
    void aRepeatedSchemaAndSourceComeBackAsOneInstanceAndLongStringsSurvive() throws IOException {
        Event first = roundTrip(payment());
        Event next = payment();
        next.strings[3] = "x".repeat(200_000); // longer than the read buffer is kept for
        next.schema = new String("transaction".toCharArray()); // equal, another instance
        Event second = roundTrip(next);

        assertThat(second.schema).isSameAs(first.schema);
        assertThat(second.source).isSameAs(first.source);
        assertThat(second).isEqualTo(next);
        next.schema = "click";
        assertThat(roundTrip(next).schema).isEqualTo("click");
    }

    @Test
    void threadsReadingAtOnceEachGetTheirOwnStrings() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.List<java.util.concurrent.Future<Integer>> results = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 20_000; i++) {
                        Event event = payment();
                        event.source = "source-" + thread;
                        event.strings[1] = "u-" + thread + "-" + i;
                        event.key = event.strings[1];
                        assertThat(roundTrip(event)).isEqualTo(event);
                    }
                    return thread;
                }));
            }
            for (var result : results) {
                result.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void copyIsDeep() {
        Event event = payment();
        Event copy = SERIALIZER.copy(event);
        assertThat(copy).isEqualTo(event);
        copy.numbers[0] = 99;
        copy.features[0] = 99;
        copy.strings[0] = "changed";
        assertThat(event).isEqualTo(payment());
    }

    @Test
    void snapshotRestoresACompatibleSerializer() throws IOException {
        TypeSerializerSnapshot<Event> snapshot = SERIALIZER.snapshotConfiguration();
        DataOutputSerializer out = new DataOutputSerializer(16);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, snapshot);
        TypeSerializerSnapshot<Event> read = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());
        TypeSerializer<Event> restored = read.restoreSerializer();
        assertThat(restored).isEqualTo(SERIALIZER);
        assertThat(SERIALIZER.snapshotConfiguration().resolveSchemaCompatibility(read).isCompatibleAsIs()).isTrue();
    }

    /** The pipeline's Flink configuration makes every Event, also inside other records, use this serializer. */
    @Test
    void pipelineConfigurationRegistersItForEventsAndEventFields() {
        PipelineSpec spec = SpecLoader.load(Path.of("../examples/fraud.yaml"));
        for (int job = 0; job < 2; job++) { // a second job in the same JVM, as local runs and tests do
            StreamExecutionEnvironment.getExecutionEnvironment(PipelineConfiguration.flinkConfiguration(spec));
        }

        assertThat(TypeInformation.of(Event.class)).isInstanceOf(EventTypeInfo.class);
        TypeInformation<Ingested> ingested = TypeInformation.of(Ingested.class);
        assertThat(ingested).isInstanceOf(PojoTypeInfo.class);
        PojoTypeInfo<Ingested> pojo = (PojoTypeInfo<Ingested>) ingested;
        assertThat(pojo.getTypeAt(pojo.getFieldIndex("event"))).isInstanceOf(EventTypeInfo.class);
    }
}
