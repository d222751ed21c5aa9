package io.streamscore.flink.scoring;

import io.streamscore.scoring.CanaryGuard;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.ListStateDescriptor;

/**
 * One scoring subtask's {@link CanaryGuard} evidence for one canary version, as checkpointed in the scoring
 * operator's union list state {@link #DESCRIPTOR}. A Flink POJO (public fields, primitive arrays, no Kryo), so
 * fields can be added later with Flink's POJO schema evolution.
 *
 * <p>Restore rule ({@link #select}): with the parallelism of the checkpoint, each subtask takes back exactly its own
 * entries (the same key groups, so the same keys, reach it again). With another parallelism the old subtasks' key
 * ranges are cut differently, so no entry belongs to one new subtask; each new subtask then takes the <em>sum</em>
 * of all old subtasks' evidence per version. The guard's thresholds are per subtask ({@code min_events} of its own
 * canary events), so the sum keeps its promise: no new subtask needs more canary events to be judged than the
 * furthest old subtask still needed, no old subtask's evidence is dropped (taking the largest entry would drop the
 * others'), and a verdict any old subtask reached stands everywhere. A share per new subtask would instead make
 * each wait for evidence already seen. The price is that evidence from before the rescale is counted in every
 * subtask (judging starts earlier, never later).
 */
public class CanaryEvidenceState {
    /** Union list state: on a rescale every subtask sees every old subtask's entries. New in state version 1. */
    public static final ListStateDescriptor<CanaryEvidenceState> DESCRIPTOR = new ListStateDescriptor<>(
            "canary-evidence-v1", CanaryEvidenceState.class);

    public String model;
    public int version;
    /** Which subtask wrote the entry, out of how many. */
    public int subtask;
    public int parallelism;
    public long[] championCounts = new long[0];
    public long[] canaryCounts = new long[0];
    /** Why the guard condemned the canary, or null. */
    public String verdict;

    public CanaryEvidenceState() {}

    static CanaryEvidenceState of(String model, int version, int subtask, int parallelism,
                                  CanaryGuard.Evidence evidence) {
        CanaryEvidenceState state = new CanaryEvidenceState();
        state.model = model;
        state.version = version;
        state.subtask = subtask;
        state.parallelism = parallelism;
        state.championCounts = evidence.championCounts();
        state.canaryCounts = evidence.canaryCounts();
        state.verdict = evidence.verdict();
        return state;
    }

    CanaryGuard.Evidence evidence() {
        return new CanaryGuard.Evidence(championCounts, canaryCounts, verdict);
    }

    /**
     * The evidence per canary version that subtask {@code subtask} of {@code parallelism} restores for
     * {@code model}, by the rule in the class comment. Entries of other models are ignored.
     */
    static Map<Integer, List<CanaryGuard.Evidence>> select(Iterable<CanaryEvidenceState> entries, String model,
                                                          int subtask, int parallelism) {
        Map<Integer, List<CanaryGuard.Evidence>> byVersion = new HashMap<>();
        for (CanaryEvidenceState entry : entries) {
            boolean ownOrRescaled = entry.parallelism != parallelism || entry.subtask == subtask;
            if (model.equals(entry.model) && ownOrRescaled) {
                byVersion.computeIfAbsent(entry.version, v -> new ArrayList<>()).add(entry.evidence());
            }
        }
        return byVersion;
    }
}
