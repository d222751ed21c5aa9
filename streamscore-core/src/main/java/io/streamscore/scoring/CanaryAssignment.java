package io.streamscore.scoring;

import java.nio.charset.StandardCharsets;

/**
 * Which keys a canary decides for: a key's hash places it at a fixed point in [0, 1), and the canaries take
 * consecutive slices of that interval by their shares. A key therefore stays with the same model for as long as
 * the shares do not change (sticky), on every parallel instance and across restarts, and raising a share only adds
 * keys to the canary.
 */
public final class CanaryAssignment {
    private CanaryAssignment() {}

    /** The key's point in [0, 1): FNV-1a over its UTF-8 bytes, mixed, so similar keys land far apart. */
    public static double position(String key) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        hash ^= hash >>> 33;
        hash *= 0xff51afd7ed558ccdL;
        hash ^= hash >>> 33;
        return (hash >>> 11) * 0x1.0p-53;
    }

    /**
     * The index of the canary (by {@code shares}, in order) that decides for {@code key}, or -1 for the champion.
     *
     * @param shares each canary's share, each in [0, 1], summing to at most 1
     */
    public static int canaryOf(String key, double[] shares) {
        if (shares.length == 0) {
            return -1;
        }
        double point = position(key);
        double end = 0;
        for (int i = 0; i < shares.length; i++) {
            end += shares[i];
            if (point < end) {
                return i;
            }
        }
        return -1;
    }
}
