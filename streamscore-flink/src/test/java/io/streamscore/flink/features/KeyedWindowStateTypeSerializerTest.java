package io.streamscore.flink.features;

import static io.streamscore.flink.features.FeatureFixtures.SECOND;
import static io.streamscore.flink.features.FeatureFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamscore.event.EventSchema;
import io.streamscore.features.Aggregation;
import io.streamscore.features.FeatureDefinition;
import io.streamscore.features.ExpressionFeatureFilter;
import io.streamscore.features.FeatureSet;
import io.streamscore.features.FeatureVector;
import io.streamscore.features.KeyedWindowState;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import org.apache.avro.SchemaBuilder;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputViewStreamWrapper;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputViewStreamWrapper;
import org.junit.jupiter.api.Test;

class KeyedWindowStateTypeSerializerTest {
    private static final long NO_HORIZON = Long.MIN_VALUE;

    private final FeatureSet features = FeatureFixtures.userGroup().features();
    private final KeyedWindowStateTypeSerializer serializer = new KeyedWindowStateTypeSerializer(features);

    private KeyedWindowState stateWithEvents(int count) {
        KeyedWindowState state = features.newState();
        for (int i = 0; i < count; i++) {
            add(state, T0 + i * SECOND, 50 + 40 * i);
        }
        return state;
    }

    private static FeatureVector add(KeyedWindowState state, long time, double amount) {
        return state.update(time, new double[] {amount}, new String[] {"m", "u1"}, NO_HORIZON);
    }

    private static byte[] bytes(TypeSerializer<KeyedWindowState> serializer, KeyedWindowState state)
            throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(state, out);
        return out.getCopyOfBuffer();
    }

    private static KeyedWindowState read(TypeSerializer<KeyedWindowState> serializer, byte[] bytes)
            throws IOException {
        return serializer.deserialize(new DataInputDeserializer(bytes));
    }

    @Test
    void roundTripGivesTheSameAnswers() throws IOException {
        KeyedWindowState original = stateWithEvents(5);

        KeyedWindowState restored = read(serializer, bytes(serializer, original));

        assertThat(add(restored, T0 + 10 * SECOND, 7).toString())
                .isEqualTo(add(original, T0 + 10 * SECOND, 7).toString());
        assertThat(bytes(serializer, restored)).isEqualTo(bytes(serializer, original));
    }

    @Test
    void statesWrittenBackToBackToACheckpointStreamReadBackInOrder() throws IOException {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        DataOutputViewStreamWrapper out = new DataOutputViewStreamWrapper(stream);
        TypeSerializer<KeyedWindowState> writer = serializer.duplicate();
        for (int count = 1; count <= 6; count++) {
            writer.serialize(stateWithEvents(count), out);
        }

        DataInputViewStreamWrapper in = new DataInputViewStreamWrapper(new ByteArrayInputStream(stream.toByteArray()));
        for (int count = 1; count <= 6; count++) {
            KeyedWindowState expected = stateWithEvents(count);
            KeyedWindowState actual = serializer.deserialize(in);
            assertThat(bytes(serializer, actual)).isEqualTo(bytes(serializer, expected));
            assertThat(add(actual, T0 + 10 * SECOND, 7).toString())
                    .isEqualTo(add(expected, T0 + 10 * SECOND, 7).toString());
        }
        assertThat(in.read()).isEqualTo(-1);
        assertThat(writer).isNotSameAs(serializer).isEqualTo(serializer);
    }

    @Test
    void copyIsIndependentOfTheOriginal() {
        KeyedWindowState original = stateWithEvents(3);

        KeyedWindowState copy = serializer.copy(original);
        add(original, T0 + 5 * SECOND, 1000);

        assertThat(copy).isNotSameAs(original);
        assertThat(add(copy, T0 + 6 * SECOND, 1).value("spend_5m")).isEqualTo(50 + 90 + 130 + 1);
        assertThat(add(original, T0 + 6 * SECOND, 1).value("spend_5m")).isEqualTo(50 + 90 + 130 + 1000 + 1);
    }

    @Test
    void snapshotWrittenAndReadRestoresASerializerOfTheSameState() throws IOException {
        KeyedWindowStateSerializerSnapshot restored = writeAndRead(serializer.snapshotConfiguration());
        TypeSerializer<KeyedWindowState> restoredSerializer = restored.restoreSerializer();
        KeyedWindowState state = stateWithEvents(4);

        KeyedWindowState readBack = read(restoredSerializer, bytes(serializer, state));

        assertThat(restored.features().fingerprint()).isEqualTo(features.fingerprint());
        assertThat(restoredSerializer).isEqualTo(serializer);
        assertThat(bytes(serializer, readBack)).as("the operator's serializer writes restored state")
                .isEqualTo(bytes(serializer, state));
        assertThat(serializer.copy(readBack).features()).as("a copy binds to the operator's feature set")
                .isSameAs(features);
        assertThat(serializer.snapshotConfiguration().resolveSchemaCompatibility(restored).isCompatibleAsIs())
                .isTrue();
    }

    @Test
    void changedFeatureDefinitionsMigrateKeepingTheUnchangedFeatures() throws IOException {
        KeyedWindowStateSerializerSnapshot old = writeAndRead(serializer.snapshotConfiguration());
        FeatureSet changed = FeatureSet.of(FeatureFixtures.secondTiles("spend_5m", Aggregation.SUM,
                FeatureFixtures.AMOUNT, Duration.ofMinutes(10)).build(), features.definition(features.indexOf("tx_1m")),
                FeatureFixtures.secondTiles("tx_1h", Aggregation.COUNT, null, Duration.ofHours(1)).build());
        KeyedWindowStateSerializerSnapshot current = new KeyedWindowStateSerializerSnapshot(changed);

        TypeSerializerSchemaCompatibility<KeyedWindowState> compatibility = current.resolveSchemaCompatibility(old);

        assertThat(compatibility.isCompatibleAfterMigration()).isTrue();
        assertThat(current.migration(old)).contains("features [spend_5m, tx_1m, big_tx_1m, last_amounts]",
                "now [spend_5m, tx_1m, tx_1h]", "kept [tx_1m]", "starting empty (they fill within their window)"
                        + " [spend_5m, tx_1h]", "dropped [spend_5m, big_tx_1m, last_amounts]");
        // as the heap backend does: objects restored by the old serializer, then copied and written by the new one
        KeyedWindowState restored = read(old.restoreSerializer(), bytes(serializer, stateWithEvents(4)));
        KeyedWindowStateTypeSerializer next = new KeyedWindowStateTypeSerializer(changed);
        KeyedWindowState migrated = next.copy(restored);
        KeyedWindowState written = read(next, bytes(next, restored));
        for (KeyedWindowState state : new KeyedWindowState[] {migrated, written}) {
            assertThat(state.features().fingerprint()).isEqualTo(changed.fingerprint());
            FeatureVector values = add(state, T0 + 5 * SECOND, 7);
            assertThat(values.value("tx_1m")).as("kept: four earlier events and this one").isEqualTo(5);
            assertThat(values.value("spend_5m")).as("redefined: starts empty").isEqualTo(7);
            assertThat(values.value("tx_1h")).as("new: starts empty").isEqualTo(1);
        }
    }

    /**
     * A spec filter changed (same layout, same fingerprint): the snapshot recorded the old condition, so the restore
     * migrates and the filtered feature starts empty while the others keep their history. A filter written as code
     * cannot be compared: a restore with it is compatible as is.
     */
    @Test
    void aChangedSpecFilterRestartsItsFeatureOnly() throws IOException {
        FeatureSet before = withBigPaymentsOver("amount > 100");
        FeatureSet after = withBigPaymentsOver("amount > 50");
        KeyedWindowStateSerializerSnapshot old = writeAndRead(new KeyedWindowStateSerializerSnapshot(before));
        KeyedWindowStateSerializerSnapshot current = new KeyedWindowStateSerializerSnapshot(after);
        assertThat(after.fingerprint()).isEqualTo(before.fingerprint());

        assertThat(current.resolveSchemaCompatibility(old).isCompatibleAfterMigration()).isTrue();
        assertThat(current.migration(old)).contains("kept [tx_1m]", "[big_tx_1m]");
        assertThat(new KeyedWindowStateSerializerSnapshot(before).resolveSchemaCompatibility(old).isCompatibleAsIs())
                .isTrue();
        assertThat(serializer.snapshotConfiguration().resolveSchemaCompatibility(
                writeAndRead(serializer.snapshotConfiguration())).isCompatibleAsIs()).as("code filters").isTrue();

        KeyedWindowState restored = read(old.restoreSerializer(),
                bytes(new KeyedWindowStateTypeSerializer(before), fed(before, 120, 60, 200)));
        KeyedWindowState migrated = new KeyedWindowStateTypeSerializer(after).copy(restored);
        FeatureVector values = migrated.update(T0 + 5 * SECOND, new double[] {70}, new String[] {"m", "u1"},
                NO_HORIZON);
        assertThat(values.value("tx_1m")).as("kept").isEqualTo(4);
        assertThat(values.value("big_tx_1m")).as("restarted under amount > 50: this payment only").isEqualTo(1);
    }

    /** A snapshot of version 1 (before filters were recorded): its filters match any, so nothing restarts. */
    @Test
    void aVersion1SnapshotKeepsEveryFeatureWhateverTheFilters() throws IOException {
        FeatureSet current = withBigPaymentsOver("amount > 50");
        DataOutputSerializer out = new DataOutputSerializer(256);
        out.writeLong(current.fingerprint());
        out.writeInt(current.size());
        for (FeatureDefinition d : current.definitions()) {
            out.writeUTF(d.name());
            out.writeUTF(d.aggregation().name());
            out.writeBoolean(d.field() != null);
            if (d.field() != null) {
                out.writeUTF(d.field().name());
                out.writeUTF(d.field().type().name());
                out.writeBoolean(d.field().nullable());
                out.writeInt(d.field().slot());
            }
            out.writeLong(d.windowMillis());
            out.writeLong(d.tileMillis());
            out.writeInt(d.lastN());
            out.writeInt(d.distinctCap());
        }
        KeyedWindowStateSerializerSnapshot version1 = new KeyedWindowStateSerializerSnapshot();
        version1.readSnapshot(1, new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());

        assertThat(new KeyedWindowStateSerializerSnapshot(current).resolveSchemaCompatibility(version1)
                .isCompatibleAsIs()).isTrue();
    }

    private FeatureSet withBigPaymentsOver(String condition) {
        EventSchema schema = EventSchema.fromAvro(SchemaBuilder.record("payment").fields().requiredDouble("amount")
                .endRecord());
        return FeatureSet.of(features.definition(features.indexOf("tx_1m")),
                FeatureFixtures.secondTiles("big_tx_1m", Aggregation.COUNT, null, Duration.ofMinutes(1))
                        .filter(ExpressionFeatureFilter.of(schema, condition)).build());
    }

    private static KeyedWindowState fed(FeatureSet set, double... amounts) {
        KeyedWindowState state = set.newState();
        for (int i = 0; i < amounts.length; i++) {
            state.update(T0 + i * SECOND, new double[] {amounts[i]}, new String[] {"m", "u1"}, NO_HORIZON);
        }
        return state;
    }

    @Test
    void stateOfAnotherSerializerIsIncompatible() {
        TypeSerializerSchemaCompatibility<KeyedWindowState> compatibility =
                serializer.snapshotConfiguration().resolveSchemaCompatibility(foreignSnapshot());

        assertThat(compatibility.isIncompatible()).isTrue();
    }

    @SuppressWarnings("unchecked")
    private static TypeSerializerSnapshot<KeyedWindowState> foreignSnapshot() {
        return (TypeSerializerSnapshot<KeyedWindowState>) (TypeSerializerSnapshot<?>)
                new StringSerializer.StringSerializerSnapshot();
    }

    @Test
    void stateOfAnotherFeatureSetIsRefusedWhenRead() throws IOException {
        FeatureSet other = FeatureSet.of(FeatureFixtures.secondTiles("tx_1h", Aggregation.COUNT, null,
                Duration.ofHours(1)).build());
        byte[] otherBytes = bytes(new KeyedWindowStateTypeSerializer(other), other.newState());

        assertThatThrownBy(() -> read(serializer, otherBytes)).isInstanceOf(IOException.class)
                .hasMessageContaining("another feature set");
    }

    @Test
    void unknownSnapshotVersionIsRefused() {
        KeyedWindowStateSerializerSnapshot snapshot = new KeyedWindowStateSerializerSnapshot();

        assertThatThrownBy(() -> snapshot.readSnapshot(3, new DataInputDeserializer(new byte[16]),
                getClass().getClassLoader())).isInstanceOf(IOException.class).hasMessageContaining("version 3");
    }

    private static KeyedWindowStateSerializerSnapshot writeAndRead(TypeSerializerSnapshot<KeyedWindowState> snapshot)
            throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, snapshot);
        TypeSerializerSnapshot<KeyedWindowState> read = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()),
                KeyedWindowStateTypeSerializerTest.class.getClassLoader());
        assertThat(read).isInstanceOf(KeyedWindowStateSerializerSnapshot.class);
        return (KeyedWindowStateSerializerSnapshot) read;
    }
}
