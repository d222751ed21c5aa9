package io.streamscore.bench;

import io.streamscore.bench.features.SnapshotStates;
import io.streamscore.features.FeatureSet;
import io.streamscore.features.KeyedWindowState;
import io.streamscore.flink.features.KeyedWindowStateTypeSerializer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.memory.DataInputViewStreamWrapper;
import org.apache.flink.core.memory.DataOutputViewStreamWrapper;
import org.apache.flink.runtime.state.StreamStateHandle;
import org.apache.flink.runtime.state.UncompressedStreamCompressionDecorator;
import org.apache.flink.runtime.state.filesystem.FsCheckpointStreamFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What a heap-backend checkpoint costs per key of window state, for the fraud example's feature groups (see
 * {@link SnapshotStates}: 10K keys, payments over the last day, ten minutes of finalized tiles and ~20 raw payments
 * within the lateness). Reports ns per state for:
 * <ul>
 *   <li>{@code serialize}: the asynchronous part of the snapshot, every state written through Flink's real path:
 *       {@link KeyedWindowStateTypeSerializer#serialize} into a {@link DataOutputViewStreamWrapper} over the
 *       uncompressed key-group decorator over a file checkpoint stream (4 KiB write buffer, Flink's default);</li>
 *   <li>{@code copy}: {@link KeyedWindowStateTypeSerializer#copy}, which the copy-on-write state map runs on the task
 *       thread for every state touched while a snapshot is running;</li>
 *   <li>{@code deserialize}: a restore, from bytes in memory.</li>
 * </ul>
 * The bytes per state are printed at setup ("[snapshot] ..."). Run with
 * {@code java -jar streamscore-bench/target/streamscore-bench.jar jmh WindowStateSnapshotBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class WindowStateSnapshotBenchmark {
    private static final int KEYS = 10_000;
    private static final int WRITE_BUFFER_BYTES = 4096;

    @Param({"user_id", "card_id"})
    public String group;

    private KeyedWindowStateTypeSerializer serializer;
    private KeyedWindowState[] states;
    private byte[] written;
    private java.nio.file.Path directory;
    private FileSystem fileSystem;

    @Setup(Level.Trial)
    public void prepare() throws IOException {
        FeatureSet features = SnapshotStates.fraudGroup(group);
        serializer = new KeyedWindowStateTypeSerializer(features);
        states = SnapshotStates.build(features, KEYS, 10, 20, 20, 42);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputViewStreamWrapper out = new DataOutputViewStreamWrapper(bytes);
        int pending = 0;
        for (KeyedWindowState state : states) {
            serializer.serialize(state, out);
            pending += state.pendingEvents();
        }
        written = bytes.toByteArray();
        System.out.printf("%n[snapshot] group=%s keys=%d bytes=%d bytesPerState=%.1f rawEventsPerState=%.1f%n",
                group, KEYS, written.length, (double) written.length / KEYS, (double) pending / KEYS);
        directory = Files.createTempDirectory("snapshot-bench");
        fileSystem = FileSystem.getLocalFileSystem();
    }

    @TearDown(Level.Trial)
    public void cleanUp() throws IOException {
        fileSystem.delete(new Path(directory.toUri()), true);
    }

    @Benchmark
    @OperationsPerInvocation(KEYS)
    public long serialize() throws Exception {
        FsCheckpointStreamFactory.FsCheckpointStateOutputStream stream =
                new FsCheckpointStreamFactory.FsCheckpointStateOutputStream(
                        new Path(directory.toUri()), fileSystem, WRITE_BUFFER_BYTES, 0);
        OutputStream keyGroup = UncompressedStreamCompressionDecorator.INSTANCE.decorateWithCompression(stream);
        DataOutputViewStreamWrapper out = new DataOutputViewStreamWrapper(keyGroup);
        for (KeyedWindowState state : states) {
            serializer.serialize(state, out);
        }
        keyGroup.close();
        StreamStateHandle handle = stream.closeAndGetHandle();
        long size = handle.getStateSize();
        handle.discardState();
        return size;
    }

    @Benchmark
    @OperationsPerInvocation(KEYS)
    public void copy(Blackhole blackhole) {
        for (KeyedWindowState state : states) {
            blackhole.consume(serializer.copy(state));
        }
    }

    @Benchmark
    @OperationsPerInvocation(KEYS)
    public void deserialize(Blackhole blackhole) throws IOException {
        DataInputViewStreamWrapper in = new DataInputViewStreamWrapper(new ByteArrayInputStream(written));
        for (int i = 0; i < KEYS; i++) {
            blackhole.consume(serializer.deserialize(in));
        }
    }
}
