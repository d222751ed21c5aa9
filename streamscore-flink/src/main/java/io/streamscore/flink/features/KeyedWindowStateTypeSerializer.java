package io.streamscore.flink.features;

import io.streamscore.features.FeatureSet;
import io.streamscore.features.KeyedWindowState;
import io.streamscore.features.KeyedWindowStateSerializer;
import java.io.IOException;
import java.util.List;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink's view of the window state of one key: the binary form is {@link KeyedWindowStateSerializer}'s (version
 * byte and feature-set fingerprint in every value), so the same bytes work on the heap and RocksDB backends and in
 * savepoints. The snapshot ({@link KeyedWindowStateSerializerSnapshot}) records the feature layout and refuses a
 * restore into different feature definitions.
 *
 * <p>Stateless (no buffers), so {@link #duplicate()} returns itself. {@link #copy(KeyedWindowState)} is a structural
 * deep copy, because the heap backend keeps live objects and copies them for asynchronous snapshots; the copy is
 * bound to this serializer's feature set. A state bound to another feature set with the same layout (after a heap restore,
 * objects are built by the restored serializer) is still written and copied, with its own set.
 */
public final class KeyedWindowStateTypeSerializer extends TypeSerializer<KeyedWindowState> {
    private static final long serialVersionUID = 1L;

    private final FeatureSet features;
    private final long fingerprint;
    private transient KeyedWindowStateSerializer format;

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
        return this;
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
        if (from.features() != features && from.features().fingerprint() != fingerprint) {
            throw new IllegalArgumentException("window state of features " + names(from.features())
                    + " cannot be copied by the serializer of features " + names(features));
        }
        return from.copy(features);
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
    public void serialize(KeyedWindowState state, DataOutputView out) throws IOException {
        if (state.features() == features) {
            format().write(state, out);
        } else if (state.features().fingerprint() == fingerprint) {
            new KeyedWindowStateSerializer(state.features()).write(state, out);
        } else {
            throw new IllegalArgumentException("window state of features " + names(state.features())
                    + " cannot be written by the serializer of features " + names(features));
        }
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
