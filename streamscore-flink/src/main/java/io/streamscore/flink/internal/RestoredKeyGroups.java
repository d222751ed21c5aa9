package io.streamscore.flink.internal;

import io.streamscore.spec.RuntimeSpec;
import java.util.Optional;

/**
 * Whether a job can take the keyed state of a checkpoint or savepoint: Flink splits keyed state into as many key
 * groups as the job's max parallelism, fixed by its first checkpoint. A restored job may have any parallelism up to
 * that number, and must keep it: Flink adopts it when the configuration leaves it open, and refuses a restore
 * whose configured max parallelism differs. Flink finds both only after the job is submitted, names an operator by
 * its hash and says nothing of the spec; this says it before anything starts, in the spec's terms.
 */
public final class RestoredKeyGroups {
    private RestoredKeyGroups() {}

    /** Why {@code runtime} cannot resume from the state {@code recorded} describes; empty when it can or unknown. */
    public static Optional<String> refusal(RuntimeSpec runtime, RecordedUids recorded) {
        int restored = recorded.maxParallelism();
        if (restored <= 0) {
            return Optional.empty();
        }
        int configured = runtime.maxParallelism();
        if (configured != RuntimeSpec.FLINK_DEFAULT_MAX_PARALLELISM && configured != restored) {
            return Optional.of("runtime.max_parallelism is " + configured + " but the state was taken with max "
                    + "parallelism " + restored + " (its keyed state is split into " + restored + " key groups, which "
                    + "Flink cannot regroup); set runtime.max_parallelism to " + restored + ", or remove it, to resume "
                    + "from this state");
        }
        if (runtime.parallelism() > restored) {
            return Optional.of("runtime.parallelism is " + runtime.parallelism() + " but the state was taken with max "
                    + "parallelism " + restored + ", the most subtasks its keyed state can be spread over; set "
                    + "runtime.parallelism to " + restored + " or less to resume from it (a higher parallelism needs "
                    + "a start without this state, with runtime.max_parallelism set at least that high)");
        }
        return Optional.empty();
    }
}
