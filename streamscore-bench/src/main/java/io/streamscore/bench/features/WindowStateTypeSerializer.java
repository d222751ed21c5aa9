package io.streamscore.bench.features;

import io.streamscore.features.FeatureSet;
import io.streamscore.features.KeyedWindowState;
import io.streamscore.features.KeyedWindowStateSerializer;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink's view of {@link KeyedWindowStateSerializer}: the heap backend keeps the state objects as they are (and copies
 * them only while a snapshot runs), RocksDB stores the serializer's bytes, read and written once per event.
 */
final class WindowStateTypeSerializer extends TypeSerializer<KeyedWindowState> {
    private final FeatureSet features;
    private transient KeyedWindowStateSerializer serializer;

    WindowStateTypeSerializer(FeatureSet features) {
        this.features = features;
    }

    /** Created lazily: Flink ships type serializers in Java-serialized form, which drops transient fields. */
    private KeyedWindowStateSerializer serializer() {
        if (serializer == null) {
            serializer = new KeyedWindowStateSerializer(features);
        }
        return serializer;
    }

    FeatureSet features() {
        return features;
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public TypeSerializer<KeyedWindowState> duplicate() {
        return new WindowStateTypeSerializer(features);
    }

    @Override
    public KeyedWindowState createInstance() {
        return features.newState();
    }

    @Override
    public KeyedWindowState copy(KeyedWindowState from) {
        try {
            DataOutputSerializer bytes = new DataOutputSerializer(256);
            serializer().write(from, bytes);
            return serializer().read(new DataInputDeserializer(bytes.getSharedBuffer(), 0, bytes.length()));
        } catch (IOException e) {
            throw new IllegalStateException("window state copy failed", e);
        }
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
    public void serialize(KeyedWindowState record, DataOutputView target) throws IOException {
        serializer().write(record, target);
    }

    @Override
    public KeyedWindowState deserialize(DataInputView source) throws IOException {
        return serializer().read(source);
    }

    @Override
    public KeyedWindowState deserialize(KeyedWindowState reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WindowStateTypeSerializer that && that.features.fingerprint() == features.fingerprint();
    }

    @Override
    public int hashCode() {
        return Long.hashCode(features.fingerprint());
    }

    @Override
    public TypeSerializerSnapshot<KeyedWindowState> snapshotConfiguration() {
        return new WindowStateSerializerSnapshot(features);
    }
}
