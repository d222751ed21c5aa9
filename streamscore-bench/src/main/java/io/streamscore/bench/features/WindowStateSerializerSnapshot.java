package io.streamscore.bench.features;

import io.streamscore.features.FeatureSet;
import io.streamscore.features.KeyedWindowState;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.util.InstantiationUtil;

/**
 * Snapshot of {@link WindowStateTypeSerializer}: the feature set itself (Java-serialized), so a savepoint can name
 * its serializer. The benchmark writes savepoints only to measure them; it never restores one.
 */
public final class WindowStateSerializerSnapshot implements TypeSerializerSnapshot<KeyedWindowState> {
    private FeatureSet features;

    /** For Flink's reflective restore. */
    public WindowStateSerializerSnapshot() {}

    WindowStateSerializerSnapshot(FeatureSet features) {
        this.features = features;
    }

    @Override
    public int getCurrentVersion() {
        return 1;
    }

    @Override
    public void writeSnapshot(DataOutputView out) throws IOException {
        byte[] bytes = InstantiationUtil.serializeObject(features);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    @Override
    public void readSnapshot(int version, DataInputView in, ClassLoader classLoader) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        try {
            features = InstantiationUtil.deserializeObject(bytes, classLoader);
        } catch (ClassNotFoundException e) {
            throw new IOException("feature set classes missing", e);
        }
    }

    @Override
    public TypeSerializer<KeyedWindowState> restoreSerializer() {
        return new WindowStateTypeSerializer(features);
    }

    @Override
    public TypeSerializerSchemaCompatibility<KeyedWindowState> resolveSchemaCompatibility(
            TypeSerializerSnapshot<KeyedWindowState> oldSnapshot) {
        return oldSnapshot instanceof WindowStateSerializerSnapshot old
                && old.features.fingerprint() == features.fingerprint()
                ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                : TypeSerializerSchemaCompatibility.incompatible();
    }
}
