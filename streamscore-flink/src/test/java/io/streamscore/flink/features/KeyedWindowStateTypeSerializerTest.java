package io.streamscore.flink.features;

import static io.streamscore.flink.features.FeatureFixtures.SECOND;
import static io.streamscore.flink.features.FeatureFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamscore.features.Aggregation;
import io.streamscore.features.FeatureSet;
import io.streamscore.features.FeatureVector;
import io.streamscore.features.KeyedWindowState;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
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

        assertThatThrownBy(() -> snapshot.readSnapshot(2, new DataInputDeserializer(new byte[16]),
                getClass().getClassLoader())).isInstanceOf(IOException.class).hasMessageContaining("version 2");
    }

    private static KeyedWindowStateSerializerSnapshot writeAndRead(TypeSerializerSnapshot<KeyedWindowState> snapshot)
            throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, snapshot);
        TypeSerializerSnapshot<KeyedWindowState> read = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()), KeyedWindowStateTypeSerializerTest.class.getClassLoader());
        assertThat(read).isInstanceOf(KeyedWindowStateSerializerSnapshot.class);
        return (KeyedWindowStateSerializerSnapshot) read;
    }
}
