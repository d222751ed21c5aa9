package io.streamscore.bench.pipeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The scores a run reads, kept for parsing after the run in a few large chunks instead of one array per score.
 *
 * <p>Why: a run holds 200K-400K scores until it ends. Kept as they arrive, every one of them survives the young
 * collections of the run and is copied by each: in a GC log of an at-least-once live run, young pauses of 44-75 ms
 * were almost all object copying, with 120-180 MB of survivors, most of them the reader's retained scores. Those
 * pauses stall the pipeline in the same JVM and land in the latency it measures. Chunks of 8 MiB are humongous
 * objects to G1 (over half a region), which it never copies; each score's own array dies young.
 */
final class ScoreSlab {
    static final int CHUNK_BYTES = 8 << 20;

    private final List<byte[]> chunks = new ArrayList<>();
    private final int[] chunkOf;
    private final int[] offsetOf;
    private final int[] lengthOf;
    private byte[] current;
    private int used;
    private int count;

    /** @param capacity how many scores it can hold */
    ScoreSlab(int capacity) {
        this.chunkOf = new int[capacity];
        this.offsetOf = new int[capacity];
        this.lengthOf = new int[capacity];
    }

    /** Copies {@code value} in as the next score. */
    void add(byte[] value) {
        if (current == null || used + value.length > current.length) {
            current = new byte[Math.max(CHUNK_BYTES, value.length)];
            chunks.add(current);
            used = 0;
        }
        System.arraycopy(value, 0, current, used, value.length);
        chunkOf[count] = chunks.size() - 1;
        offsetOf[count] = used;
        lengthOf[count] = value.length;
        used += value.length;
        count++;
    }

    int size() {
        return count;
    }

    /** The {@code index}th score's bytes. */
    byte[] get(int index) {
        if (index >= count) {
            throw new IndexOutOfBoundsException("score " + index + " of " + count);
        }
        int offset = offsetOf[index];
        return Arrays.copyOfRange(chunks.get(chunkOf[index]), offset, offset + lengthOf[index]);
    }
}
