package io.streamscore.flink.features;

import java.util.BitSet;

/**
 * The keys seen recently, approximately (a one-hash Bloom filter, TinyLFU's "doorkeeper"): {@link #seenBefore}
 * records a key and says whether it was recorded already. After as many records as it was sized for, it forgets
 * everything and starts again, so "recently" is about that many keys back. A false "seen" (two keys sharing a bit,
 * about one in eight while full) only lets a key in early.
 */
final class RecentKeys {
    private static final int BITS_PER_KEY = 8;

    private final BitSet bits;
    private final int size;
    private final int capacity;
    private int recorded;

    /** @param capacity how many keys to remember before forgetting, at least 1 */
    RecentKeys(int capacity) {
        this.capacity = Math.max(1, capacity);
        this.size = (int) Math.min(Integer.MAX_VALUE - 64L, Math.max(64L, (long) this.capacity * BITS_PER_KEY));
        this.bits = new BitSet(size);
    }

    /** Records {@code key}; true when it was recorded since the last time this forgot. */
    boolean seenBefore(Object key) {
        int bit = Math.floorMod(mix(key.hashCode()), size);
        if (bits.get(bit)) {
            return true;
        }
        if (++recorded > capacity) {
            bits.clear();
            recorded = 1;
        }
        bits.set(bit);
        return false;
    }

    private static int mix(int hash) {
        int h = hash * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
