package io.streamscore.flink.job;

import io.streamscore.flink.PipelineConfiguration;
import io.streamscore.flink.internal.NonRestoredState;
import io.streamscore.flink.internal.RecordedUids;
import io.streamscore.flink.internal.RestoredKeyGroups;
import io.streamscore.spec.PipelineSpec;
import java.util.List;
import java.util.Optional;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The entry point of the job jar that {@code streamscore submit} (or a Flink Kubernetes Operator
 * {@code FlinkDeployment}) runs on a Flink cluster: reads the spec from the program arguments
 * ({@link ClusterJobArguments}), builds the same pipeline as a local run with the spec's checkpointing, state
 * backend and restart settings, and submits it without waiting for its result (a main run through the REST API
 * must return once the job is submitted).
 * <p>
 * The path the job restores from ({@code submit --from-savepoint}, a FlinkDeployment's {@code initialSavepointPath})
 * arrives in the environment's configuration as {@link StateRecoveryOptions#SAVEPOINT_PATH}: Flink's jar-run handler
 * and application mode put it into the configuration the program's environment is created with. Its metadata says
 * under which uids the feature groups' state is ({@link KafkaPipeline#featureUids}) and whether it holds state of
 * parts the spec no longer has ({@link NonRestoredState}: refused naming them all, or with
 * {@link StateRecoveryOptions#SAVEPOINT_IGNORE_UNCLAIMED_STATE} logged as dropped).
 */
public final class ClusterJob {
    private ClusterJob() {}

    public static void main(String[] args) throws Exception {
        PipelineSpec spec = ClusterJobArguments.parse(args).spec();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                PipelineConfiguration.flinkConfiguration(spec));
        String restorePath = env.getConfiguration().getOptional(StateRecoveryOptions.SAVEPOINT_PATH).orElse(null);
        RecordedUids recorded = RecordedUids.read(restorePath); // once: NONE when there is no restore
        Optional<String> keyGroups = RestoredKeyGroups.refusal(spec.runtime(), recorded);
        if (keyGroups.isPresent()) {
            throw new IllegalStateException(keyGroups.get()); // the REST answer of `submit` carries it
        }
        build(env, spec, restorePath, recorded);
        if (restorePath != null) { // Flink would name only the first part whose state it cannot restore: name all
            boolean allowNonRestored = env.getConfiguration()
                    .get(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE);
            Optional<String> refused = NonRestoredState.check(env, spec, restorePath, recorded, allowNonRestored,
                    "submit");
            if (refused.isPresent()) {
                throw new IllegalStateException(refused.get()); // the REST answer of `submit` carries it
            }
        }
        env.executeAsync("streamscore-" + spec.name());
    }

    /**
     * The pipeline this main builds into {@code env}, its feature groups under the uids the checkpoint or savepoint
     * at {@code restorePath} (null: none) holds their state under, by its metadata read into {@code recorded}.
     * {@code submit} builds it too, on an environment it never executes, to find before uploading the parts whose
     * state the restore drops: the operator ids must be these. Reads the topics' limits from the spec's Kafka
     * ({@link KafkaPipeline}).
     */
    public static void build(StreamExecutionEnvironment env, PipelineSpec spec, String restorePath,
                             RecordedUids recorded) {
        KafkaPipeline.create(spec, spec.kafka().bootstrap(), List.of(),
                KafkaPipeline.featureUids(spec, restorePath, recorded)).build(env);
    }
}
