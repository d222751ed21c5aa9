package io.streamscore.flink.serialization;

import io.streamscore.event.Event;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink's serializer for {@link Event}, used between operators (every shuffle) and in state. Flink's POJO serializer
 * wrote it field by field through reflection, strings char by char, and the event id and key twice (they are also
 * among the event's string values); with three network hops per payment that was ~20% of the fraud pipeline's CPU.
 * This one writes strings as UTF-8 bytes (Java's ASCII fast path both ways), and the id and key as the index of
 * the string value they equal when they do. Per hop it allocates only what the event holds: ASCII strings are copied
 * into a per-thread buffer and written from it (no byte array per string), strings are read through one (one array
 * per string, the string's own), and the schema and source, the same in nearly every event of a stream, come back
 * as the instance read last when their bytes match. That halved the bytes a round trip allocates (1,020 to ~500 for
 * a fraud payment), three hops per payment.
 *
 * <p>Format (version 1): a flags byte (numbers, strings, features present), schema, source, event id and key
 * (each a string, or a reference {@code 0..254} to a string value), event time, ingest time, then the numbers, the
 * strings and the features, each as a length and its values. A string is its UTF-8 length and bytes, or length -1
 * for null.
 */
public final class EventSerializer extends TypeSerializerSingleton<Event> {
    public static final EventSerializer INSTANCE = new EventSerializer();
    private static final long serialVersionUID = 1L;
    private static final int HAS_NUMBERS = 1;
    private static final int HAS_STRINGS = 2;
    private static final int HAS_FEATURES = 4;
    /** A string written inline rather than as a reference to one of the event's string values. */
    private static final int INLINE = 255;
    /** Strings up to this many bytes go through the per-thread buffers; longer ones get their own array. */
    private static final int SCRATCH_LIMIT = 1 << 16;
    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    /** A thread's buffers for reading and writing strings, and the schema and source it read last. */
    private static final class Buffers {
        byte[] bytes = new byte[64];
        byte[] written = new byte[64];
        String schema;
        String source;

        /** The write buffer, at least {@code length} long. */
        byte[] writable(int length) {
            if (written.length < length) {
                written = new byte[Math.max(length, written.length * 2)];
            }
            return written;
        }
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public Event createInstance() {
        return new Event();
    }

    @Override
    public Event copy(Event from) {
        Event copy = new Event(from.schema, from.source, from.eventId, from.key, from.eventTime, from.ingestTime,
                from.numbers == null ? null : from.numbers.clone(), from.strings == null ? null : from.strings.clone());
        copy.features = from.features == null ? null : from.features.clone();
        return copy;
    }

    @Override
    public Event copy(Event from, Event reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(Event event, DataOutputView out) throws IOException {
        out.writeByte((event.numbers != null ? HAS_NUMBERS : 0) | (event.strings != null ? HAS_STRINGS : 0)
                | (event.features != null ? HAS_FEATURES : 0));
        Buffers buffers = BUFFERS.get();
        writeString(event.schema, out, buffers);
        writeString(event.source, out, buffers);
        writeIdentity(event.eventId, event.strings, out, buffers);
        writeIdentity(event.key, event.strings, out, buffers);
        out.writeLong(event.eventTime);
        out.writeLong(event.ingestTime);
        if (event.numbers != null) {
            writeDoubles(event.numbers, out);
        }
        if (event.strings != null) {
            out.writeInt(event.strings.length);
            for (String value : event.strings) {
                writeString(value, out, buffers);
            }
        }
        if (event.features != null) {
            writeDoubles(event.features, out);
        }
    }

    @Override
    public Event deserialize(DataInputView in) throws IOException {
        int flags = in.readUnsignedByte();
        Buffers buffer = BUFFERS.get();
        Event event = new Event();
        event.schema = buffer.schema = readString(in, buffer, buffer.schema);
        event.source = buffer.source = readString(in, buffer, buffer.source);
        int idSlot = in.readUnsignedByte();
        String eventId = idSlot == INLINE ? readString(in, buffer, null) : null;
        int keySlot = in.readUnsignedByte();
        String key = keySlot == INLINE ? readString(in, buffer, null) : null;
        event.eventTime = in.readLong();
        event.ingestTime = in.readLong();
        if ((flags & HAS_NUMBERS) != 0) {
            event.numbers = readDoubles(in);
        }
        if ((flags & HAS_STRINGS) != 0) {
            String[] strings = new String[in.readInt()];
            for (int i = 0; i < strings.length; i++) {
                strings[i] = readString(in, buffer, null);
            }
            event.strings = strings;
        }
        if ((flags & HAS_FEATURES) != 0) {
            event.features = readDoubles(in);
        }
        event.eventId = idSlot == INLINE ? eventId : event.strings[idSlot];
        event.key = keySlot == INLINE ? key : event.strings[keySlot];
        return event;
    }

    @Override
    public Event deserialize(Event reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public TypeSerializerSnapshot<Event> snapshotConfiguration() {
        return new Snapshot();
    }

    /** The index of the string value equal to {@code value} (the id and key usually are one), else inline. */
    private static void writeIdentity(String value, String[] strings, DataOutputView out, Buffers buffers)
            throws IOException {
        if (value != null && strings != null) {
            for (int i = 0; i < Math.min(strings.length, INLINE); i++) {
                if (value.equals(strings[i])) {
                    out.writeByte(i);
                    return;
                }
            }
        }
        out.writeByte(INLINE);
        writeString(value, out, buffers);
    }

    /**
     * UTF-8 after its byte length. ASCII (ids, names: nearly every string) is its own UTF-8: its chars are checked and
     * copied into the thread's buffer in one pass and written with one call (a call per byte, after a separate check,
     * was most of a payment's serialization in a profile of the pipeline).
     */
    private static void writeString(String value, DataOutputView out, Buffers buffers) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        int length = value.length();
        if (length <= SCRATCH_LIMIT) {
            byte[] ascii = buffers.writable(length);
            if (copyAscii(value, length, ascii)) {
                out.writeInt(length);
                out.write(ascii, 0, length);
                return;
            }
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    /** Copies {@code value}'s chars into {@code into} while they are ASCII; whether they all were. */
    private static boolean copyAscii(String value, int length, byte[] into) {
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                return false;
            }
            into[i] = (byte) c;
        }
        return true;
    }

    /**
     * The next string, read through {@code buffer}; {@code last} (may be null) when its bytes are the same, so a
     * field that repeats across events keeps one instance.
     */
    private static String readString(DataInputView in, Buffers buffer, String last) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        if (length > SCRATCH_LIMIT) {
            byte[] bytes = new byte[length];
            in.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (buffer.bytes.length < length) {
            buffer.bytes = new byte[Math.max(length, buffer.bytes.length * 2)];
        }
        byte[] bytes = buffer.bytes;
        in.readFully(bytes, 0, length);
        if (last != null && sameAscii(last, bytes, length)) {
            return last;
        }
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    /** Whether {@code value} is ASCII and its chars are the first {@code length} of {@code bytes}. */
    private static boolean sameAscii(String value, byte[] bytes, int length) {
        if (value.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c >= 0x80 || c != bytes[i]) {
                return false;
            }
        }
        return true;
    }

    private static void writeDoubles(double[] values, DataOutputView out) throws IOException {
        out.writeInt(values.length);
        for (double value : values) {
            out.writeDouble(value);
        }
    }

    private static double[] readDoubles(DataInputView in) throws IOException {
        double[] values = new double[in.readInt()];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readDouble();
        }
        return values;
    }

    /** Restores {@link EventSerializer}; a later format gets a new version here and reads version 1 too. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<Event> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
