package io.streamscore.flink.features;

import io.streamscore.features.FeatureSet;
import io.streamscore.features.FeatureStateMigration;
import io.streamscore.features.KeyedWindowState;
import io.streamscore.features.KeyedWindowStateSerializer;
import java.io.IOException;
import java.util.List;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink's view of the window state of one key: the binary form is {@link KeyedWindowStateSerializer}'s (version
 * byte and feature-set fingerprint in every value), so the same bytes work on the heap and RocksDB backends and in
 * savepoints. The snapshot ({@link KeyedWindowStateSerializerSnapshot}) records the feature layout and refuses a
 * restore into different feature definitions.
 *
 * <p>{@link #serialize} writes each state into a reusable buffer and hands it to the output in one call (the heap
 * backend's checkpoint stream costs a virtual call per byte otherwise), so each {@link #duplicate()} has its own
 * buffer. {@link #copy(KeyedWindowState)} is a structural deep copy (arrays cloned, nothing serialized), because the
 * heap backend keeps live objects and copies every one touched while an asynchronous snapshot runs; the copy is bound
 * to this serializer's feature set. A state bound to another feature set with the same layout (after a heap restore,
 * objects are built by the restored serializer) is still written, with its own set. A state of another layout (restored
 * from a checkpoint taken before the features changed) is migrated to this serializer's set
 * ({@link FeatureStateMigration}) when it is copied or written.
 */
public final class KeyedWindowStateTypeSerializer extends TypeSerializer<KeyedWindowState> {
    private static final long serialVersionUID = 1L;

    private static final int BUFFER_BYTES = 4096;
    /** A buffer grown larger than this by a hot key is dropped after use, not kept per operator. */
    private static final int MAX_KEPT_BUFFER_BYTES = 1 << 20;

    private final FeatureSet features;
    private final long fingerprint;
    private transient KeyedWindowStateSerializer format;
    private transient DataOutputSerializer buffer;
    /** The migration last used, from the layout of the states restored from before the features changed. */
    private transient volatile FeatureStateMigration migration;

    public KeyedWindowStateTypeSerializer(FeatureSet features) {
        this.features = features;
        this.fingerprint = features.fingerprint();
    }

    public FeatureSet features() {
        return features;
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public TypeSerializer<KeyedWindowState> duplicate() {
        return new KeyedWindowStateTypeSerializer(features);
    }

    @Override
    public KeyedWindowState createInstance() {
        return features.newState();
    }

    /**
     * A structural deep copy ({@link KeyedWindowState#copy()}: arrays cloned, no serialization): the heap backend
     * runs it on the task thread for every state touched while an asynchronous snapshot is in flight.
     */
    @Override
    public KeyedWindowState copy(KeyedWindowState from) {
        if (from.features() == features) {
            return from.copy();
        }
        FeatureStateMigration fromOther = migrationFrom(from.features());
        return fromOther.keepsEverything() ? from.copy(features) : fromOther.migrate(from);
    }

    /** The migration from {@code other}'s states to this serializer's feature set (kept for the next state). */
    private FeatureStateMigration migrationFrom(FeatureSet other) {
        FeatureStateMigration last = migration;
        if (last == null || last.from() != other) {
            last = FeatureStateMigration.between(other, features);
            migration = last;
        }
        return last;
    }

    @Override
    public KeyedWindowState copy(KeyedWindowState from, KeyedWindowState reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(KeyedWindowState value, DataOutputView out) throws IOException {
        KeyedWindowState state = value;
        if (value.features() != features) {
            FeatureStateMigration fromOther = migrationFrom(value.features());
            state = fromOther.keepsEverything() ? value : fromOther.migrate(value);
        }
        KeyedWindowStateSerializer writer = writerOf(state);
        if (out instanceof DataOutputSerializer memory) {
            writer.write(state, memory);
            return;
        }
        if (buffer == null) {
            buffer = new DataOutputSerializer(BUFFER_BYTES);
        }
        buffer.clear();
        writer.write(state, buffer);
        out.write(buffer.getSharedBuffer(), 0, buffer.length());
        if (buffer.getSharedBuffer().length > MAX_KEPT_BUFFER_BYTES) {
            buffer = null;
        }
    }

    private KeyedWindowStateSerializer writerOf(KeyedWindowState state) {
        if (state.features() == features) {
            return format();
        }
        return new KeyedWindowStateSerializer(state.features());
    }

    @Override
    public KeyedWindowState deserialize(DataInputView in) throws IOException {
        return format().read(in);
    }

    @Override
    public KeyedWindowState deserialize(KeyedWindowState reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    /** The binary form is not length-prefixed, so copying bytes means reading and writing the value. */
    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public TypeSerializerSnapshot<KeyedWindowState> snapshotConfiguration() {
        return new KeyedWindowStateSerializerSnapshot(features);
    }

    /** Serializers of feature sets with the same layout read and write the same bytes. */
    @Override
    public boolean equals(Object other) {
        return other instanceof KeyedWindowStateTypeSerializer that && that.fingerprint == fingerprint;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(fingerprint);
    }

    /** Flink puts this into its state-migration errors, so it names the features. */
    @Override
    public String toString() {
        return "KeyedWindowStateTypeSerializer{features=" + names(features) + ", fingerprint="
                + Long.toHexString(fingerprint) + "}";
    }

    static List<String> names(FeatureSet set) {
        return set.definitions().stream().map(d -> d.name()).toList();
    }

    private KeyedWindowStateSerializer format() {
        if (format == null) {
            format = new KeyedWindowStateSerializer(features);
        }
        return format;
    }
}
