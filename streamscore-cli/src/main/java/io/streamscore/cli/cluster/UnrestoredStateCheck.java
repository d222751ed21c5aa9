package io.streamscore.cli.cluster;

import io.streamscore.flink.PipelineConfiguration;
import io.streamscore.flink.internal.NonRestoredState;
import io.streamscore.flink.internal.RecordedUids;
import io.streamscore.flink.job.ClusterJob;
import io.streamscore.spec.PipelineSpec;
import java.util.List;
import java.util.Optional;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The parts of a pipeline whose state a savepoint holds and a job about to be submitted no longer has, found on the
 * user's machine before {@code submit} uploads anything. The job's main finds them on the JobManager too, but with
 * {@code --allow-non-restored-state} only logs them there, where the user at the terminal does not look. Here the job
 * graph is built as {@link ClusterJob#build} builds it (the spec as the JobManager reads it, its configuration, the
 * feature group uids kept from the savepoint), on an environment that is never executed, and compared with the
 * savepoint's operators by {@link NonRestoredState#unrestored}: the same parts, in the same words.
 * <p>
 * Building the graph reads the topics' limits from the spec's Kafka, so callers ask only when Kafka answers from this
 * machine (the preflight ran). A savepoint whose metadata is not readable here (an {@code s3://} path without the
 * plugin) is not checked: no graph is built for it.
 */
public final class UnrestoredStateCheck {
    private UnrestoredStateCheck() {}

    /**
     * Each part in words ({@link io.streamscore.flink.internal.StateOwners#owner}) whose state {@code savepoint} holds
     * and {@code spec}'s job has no operator for: an empty list when there is none, empty when the savepoint's
     * metadata is not readable here.
     *
     * @param spec     the spec as the JobManager reads it ({@link io.streamscore.flink.job.ClusterJobArguments#parse})
     * @param recorded what the savepoint's metadata records ({@link RecordedUids#read})
     */
    public static Optional<List<String>> parts(PipelineSpec spec, String savepoint, RecordedUids recorded) {
        if (recorded.operatorIds().isEmpty()) {
            return Optional.empty();
        }
        // as the JobManager's jar-run handler configures the job's environment when it restores
        Configuration config = PipelineConfiguration.flinkConfiguration(spec);
        config.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        StreamExecutionEnvironment env = new StreamExecutionEnvironment(config);
        ClusterJob.build(env, spec, savepoint, recorded);
        return NonRestoredState.unrestored(env, spec, recorded);
    }
}
