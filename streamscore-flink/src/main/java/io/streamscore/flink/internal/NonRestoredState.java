package io.streamscore.flink.internal;

import io.streamscore.spec.PipelineSpec;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.flink.runtime.OperatorIDPair;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state a checkpoint holds of parts the job about to restore from it no longer has, found before the job starts.
 * Flink refuses such a checkpoint naming only the first operator it cannot map, so a user who removed two parts
 * learned of the second only from the next refusal, and {@code --allow-non-restored-state} dropped state nobody had
 * listed. Here every operator the metadata records state of ({@link RecordedUids#withState}, as Flink's own check
 * counts it) is matched against the operator ids of the job graph built from the environment, generated and
 * user-defined alike, as Flink maps them ({@code Checkpoints.loadAndValidateCheckpoint}). {@code submit} asks the same
 * ({@link #unrestored}) on the user's machine before it uploads the job, which shows them what the option drops.
 * <p>
 * A checkpoint whose metadata this machine cannot read (an {@code s3://} path without the plugin) is not checked:
 * Flink's refusal still names the first part ({@code OrphanedState} in the CLI).
 */
public final class NonRestoredState {
    private static final Logger LOG = LoggerFactory.getLogger(NonRestoredState.class);

    private NonRestoredState() {}

    /**
     * Our refusal to restore the job built in {@code env} from {@code restorePath}, listing every part whose state
     * would not be restored; empty when there is none, when the metadata is unreadable, or when
     * {@code allowNonRestoredState} (the parts whose state is then dropped are logged as a warning instead).
     *
     * @param recorded what the metadata at {@code restorePath} records ({@link RecordedUids#read})
     * @param again    the command to run again with {@code --allow-non-restored-state}: "run", "submit"
     */
    public static Optional<String> check(StreamExecutionEnvironment env, PipelineSpec spec, String restorePath,
                                         RecordedUids recorded, boolean allowNonRestoredState, String again) {
        Optional<List<String>> owners = unrestored(env, spec, recorded);
        if (owners.isEmpty()) {
            LOG.info("the parts whose state {} holds are not checked against the job: its metadata is not readable "
                    + "here; Flink names the first one it cannot restore", restorePath);
            return Optional.empty();
        }
        if (owners.get().isEmpty()) {
            return Optional.empty();
        }
        if (allowNonRestoredState) {
            LOG.warn(dropped(restorePath, owners.get()));
            return Optional.empty();
        }
        return Optional.of(refusal(owners.get(), again));
    }

    /**
     * Each part, in words ({@link StateOwners#owner}), whose state the checkpoint {@code recorded} was read from
     * holds and the job built in {@code env} has no operator for: the parts a restore refuses, or drops with
     * {@code --allow-non-restored-state}; an empty list when there is none, empty when the metadata was not readable
     * ({@link RecordedUids#NONE}). Both the job's main on the JobManager and {@code submit} before uploading (on a
     * graph it builds the same way and never executes) ask this.
     */
    public static Optional<List<String>> unrestored(StreamExecutionEnvironment env, PipelineSpec spec,
                                                    RecordedUids recorded) {
        if (recorded.operatorIds().isEmpty()) {
            return Optional.empty();
        }
        // false: the transformations stay in the environment, which executes this same graph next
        List<String> unmapped = unmapped(recorded, operatorIds(env.getStreamGraph(false).getJobGraph()));
        return Optional.of(unmapped.isEmpty() ? List.of() : owners(unmapped, recorded, spec));
    }

    /**
     * "resuming from PATH with --allow-non-restored-state drops for good the state of 2 parts this spec no longer
     * has: OWNER; OWNER", the warning of a restore that drops the state of {@code owners} ({@link #unrestored}).
     */
    public static String dropped(String restorePath, List<String> owners) {
        return "resuming from " + restorePath + " with --allow-non-restored-state drops for good the state of "
                + parts(owners.size()) + " this spec no longer has: " + String.join("; ", owners);
    }

    /** The operators {@code recorded} holds state of that are none of {@code jobOperatorIds}, in metadata order. */
    static List<String> unmapped(RecordedUids recorded, Set<String> jobOperatorIds) {
        return recorded.withState().stream().filter(id -> !jobOperatorIds.contains(id)).toList();
    }

    /** Every operator id the job's state is restored to: each operator's generated id and its user-defined one. */
    static Set<String> operatorIds(JobGraph graph) {
        Set<String> ids = new LinkedHashSet<>();
        for (JobVertex vertex : graph.getVertices()) {
            for (OperatorIDPair pair : vertex.getOperatorIDs()) {
                ids.add(pair.getGeneratedOperatorID().toHexString());
                pair.getUserDefinedOperatorID().ifPresent(id -> ids.add(id.toHexString()));
            }
        }
        return ids;
    }

    /** Each operator in words ({@link StateOwners#owner}). */
    static List<String> owners(List<String> operatorIds, RecordedUids recorded, PipelineSpec spec) {
        Map<String, String> candidates = StateOwners.candidateUids(spec);
        return operatorIds.stream().map(id -> StateOwners.owner(id, recorded, candidates)).toList();
    }

    /**
     * "The savepoint holds state of 2 parts this spec no longer has (OWNER; OWNER). ...", what
     * {@code --allow-non-restored-state} would drop and how to keep it; {@code owners} as {@link StateOwners#owner}.
     */
    public static String refusal(List<String> owners, String again) {
        return "The savepoint holds state of " + parts(owners.size()) + " this spec no longer has ("
                + String.join("; ", owners) + "). To start without "
                + (owners.size() == 1 ? "that state" : "the state of all of them")
                + ", which is then dropped for good, " + again + " again with --allow-non-restored-state; to keep it, "
                + "resume with the spec the savepoint was taken with.";
    }

    private static String parts(int count) {
        return count == 1 ? "a part" : count + " parts";
    }
}
