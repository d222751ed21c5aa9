package io.streamscore.flink.features;

import io.streamscore.event.EventField;
import io.streamscore.event.FieldType;
import io.streamscore.features.Aggregation;
import io.streamscore.features.FeatureDefinition;
import io.streamscore.features.FeatureFilter;
import io.streamscore.features.FeatureSet;
import io.streamscore.features.FeatureStateMigration;
import io.streamscore.features.KeyedWindowState;
import io.streamscore.features.RecordedFeatureFilter;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a checkpoint records about the window state's serializer: the feature set's layout (per feature its name,
 * aggregation, field, window, tile, n, cap and, since version 2, its filter's source) and its fingerprint.
 *
 * <p>The layout is written field by field rather than Java-serialized, so a restore never depends on the classes of
 * filters (code, not state: they do not shape the bytes; a filter is recorded by its source text only, see
 * {@link io.streamscore.features.FeatureFilter#source()}). The serializer it restores reads old state with a copy of
 * the feature set whose filters are {@link RecordedFeatureFilter}s; {@link WindowFeatureFunction} rebinds such a
 * state to its own feature set on first use.
 *
 * <p>Compatibility: the same fingerprint and filters are compatible as is. Another feature set of ours (a changed
 * filter included) is compatible after migration ({@link FeatureStateMigration}): each feature whose definition did not
 * change keeps its state, new and redefined features start empty, removed ones are dropped, and a warning names each
 * group. The heap backend keeps the restored objects and {@link KeyedWindowStateTypeSerializer} migrates each one when
 * it is first copied or written; RocksDB rewrites every value through the same serializer at restore. Anything else is
 * incompatible.
 */
public final class KeyedWindowStateSerializerSnapshot implements TypeSerializerSnapshot<KeyedWindowState> {
    public static final int VERSION = 2;
    /** Version 1 recorded no filters: restored with filters of unknown source, which match any. */
    static final int VERSION_1 = 1;
    private static final Logger LOG = LoggerFactory.getLogger(KeyedWindowStateSerializerSnapshot.class);

    private FeatureSet features;
    private long fingerprint;

    /** For Flink, which instantiates snapshots by class name before {@link #readSnapshot}. */
    public KeyedWindowStateSerializerSnapshot() {}

    KeyedWindowStateSerializerSnapshot(FeatureSet features) {
        this.features = features;
        this.fingerprint = features.fingerprint();
    }

    @Override
    public int getCurrentVersion() {
        return VERSION;
    }

    @Override
    public void writeSnapshot(DataOutputView out) throws IOException {
        out.writeLong(fingerprint);
        out.writeInt(features.size());
        for (FeatureDefinition definition : features.definitions()) {
            writeDefinition(definition, out);
        }
    }

    @Override
    public void readSnapshot(int readVersion, DataInputView in, ClassLoader userCodeClassLoader) throws IOException {
        if (readVersion != VERSION && readVersion != VERSION_1) {
            throw new IOException("unsupported window state serializer snapshot version " + readVersion
                    + "; this build reads " + VERSION_1 + " and " + VERSION);
        }
        fingerprint = in.readLong();
        int size = in.readInt();
        List<FeatureDefinition> definitions = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            definitions.add(readDefinition(in, readVersion));
        }
        features = FeatureSet.of(definitions);
        if (features.fingerprint() != fingerprint) {
            throw new IOException("window state serializer snapshot of features " + names()
                    + " does not match its recorded fingerprint " + Long.toHexString(fingerprint)
                    + "; it was written by an incompatible build");
        }
    }

    @Override
    public TypeSerializer<KeyedWindowState> restoreSerializer() {
        return new KeyedWindowStateTypeSerializer(features);
    }

    /** Called on the new serializer's snapshot with the one from the checkpoint. */
    @Override
    public TypeSerializerSchemaCompatibility<KeyedWindowState> resolveSchemaCompatibility(
            TypeSerializerSnapshot<KeyedWindowState> oldSnapshot) {
        if (!(oldSnapshot instanceof KeyedWindowStateSerializerSnapshot old)) {
            LOG.error("window feature state was written by a " + oldSnapshot.getClass().getName()
                    + ", which this job cannot read; features " + names());
            return TypeSerializerSchemaCompatibility.incompatible();
        }
        if (old.fingerprint == fingerprint && FeatureStateMigration.between(old.features, features).keepsEverything()) {
            return TypeSerializerSchemaCompatibility.compatibleAsIs();
        }
        LOG.warn(migration(old));
        return TypeSerializerSchemaCompatibility.compatibleAfterMigration();
    }

    /** What restoring state described by {@code old} into this feature set keeps, starts and drops. */
    String migration(KeyedWindowStateSerializerSnapshot old) {
        FeatureStateMigration migration = FeatureStateMigration.between(old.features, features);
        return "the feature definitions changed since the checkpoint (features " + old.names() + ", now "
                + names() + "); migrating the window state: kept " + migration.carried()
                + ", starting empty (they fill within their window) " + migration.started() + ", dropped "
                + migration.dropped();
    }

    FeatureSet features() {
        return features;
    }

    private List<String> names() {
        return KeyedWindowStateTypeSerializer.names(features);
    }

    private static void writeDefinition(FeatureDefinition definition, DataOutputView out) throws IOException {
        out.writeUTF(definition.name());
        out.writeUTF(definition.aggregation().name());
        EventField field = definition.field();
        out.writeBoolean(field != null);
        if (field != null) {
            out.writeUTF(field.name());
            out.writeUTF(field.type().name());
            out.writeBoolean(field.nullable());
            out.writeInt(field.slot());
        }
        out.writeLong(definition.windowMillis());
        out.writeLong(definition.tileMillis());
        out.writeInt(definition.lastN());
        out.writeInt(definition.distinctCap());
        String filter = definition.filter().source();
        out.writeBoolean(filter != null);
        if (filter != null) {
            out.writeUTF(filter);
        }
    }

    private static FeatureDefinition readDefinition(DataInputView in, int version) throws IOException {
        String name = in.readUTF();
        Aggregation aggregation = Aggregation.valueOf(in.readUTF());
        EventField field = in.readBoolean()
                ? new EventField(in.readUTF(), FieldType.valueOf(in.readUTF()), in.readBoolean(), in.readInt())
                : null;
        Duration window = Duration.ofMillis(in.readLong());
        Duration tile = Duration.ofMillis(in.readLong());
        int lastN = in.readInt();
        int distinctCap = in.readInt();
        FeatureFilter filter = new RecordedFeatureFilter(version > VERSION_1 && in.readBoolean() ? in.readUTF() : null);
        return new FeatureDefinition(name, aggregation, field, window, tile, filter, lastN, distinctCap);
    }
}
