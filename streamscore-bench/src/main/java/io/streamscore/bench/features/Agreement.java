package io.streamscore.bench.features;

import java.util.List;

/**
 * The outcome of comparing our engine with one baseline where their semantics coincide.
 *
 * @param baseline   the engine compared with
 * @param method     how the points were chosen and why they must agree
 * @param compared   points compared
 * @param mismatches points where the answers differ (or one side has none)
 * @param examples   the first few mismatches, ours vs theirs
 */
public record Agreement(String baseline, String method, int compared, int mismatches, List<String> examples) {
    public boolean agrees() {
        return compared > 0 && mismatches == 0;
    }
}
