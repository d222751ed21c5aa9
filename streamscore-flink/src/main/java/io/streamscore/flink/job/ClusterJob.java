package io.streamscore.flink.job;

import io.streamscore.flink.PipelineConfiguration;
import io.streamscore.spec.PipelineSpec;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The entry point of the job jar that {@code streamscore submit} (or a Flink Kubernetes Operator
 * {@code FlinkDeployment}) runs on a Flink cluster: reads the spec from the program arguments
 * ({@link ClusterJobArguments}), builds the same pipeline as a local run with the spec's checkpointing, state
 * backend and restart settings, and submits it without waiting for its result (a main run through the REST API
 * must return once the job is submitted).
 */
public final class ClusterJob {
    private ClusterJob() {}

    public static void main(String[] args) throws Exception {
        PipelineSpec spec = ClusterJobArguments.parse(args).spec();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                PipelineConfiguration.flinkConfiguration(spec));
        KafkaPipeline.create(spec, spec.kafka().bootstrap(), java.util.List.of()).build(env);
        env.executeAsync("streamscore-" + spec.name());
    }
}
