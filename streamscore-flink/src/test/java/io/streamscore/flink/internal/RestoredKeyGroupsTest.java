package io.streamscore.flink.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.flink.PipelineConfiguration;
import io.streamscore.spec.PipelineSpec;
import io.streamscore.spec.RuntimeSpec;
import io.streamscore.spec.SpecLoader;
import io.streamscore.spec.StateBackend;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The key-group refusal before a restore, and the max parallelism the job is configured with. */
class RestoredKeyGroupsTest {
    private static final RecordedUids TAKEN_WITH_128 = new RecordedUids(Set.of(), Set.of(), Map.of(), 128);

    @Test
    void anyParallelismUpToTheKeyGroupsResumesWhenTheSpecLeavesThemToFlinkOrMatchesThem() {
        assertThat(RestoredKeyGroups.refusal(runtime(1, 0), TAKEN_WITH_128)).isEmpty();
        assertThat(RestoredKeyGroups.refusal(runtime(128, 0), TAKEN_WITH_128)).isEmpty();
        assertThat(RestoredKeyGroups.refusal(runtime(64, 128), TAKEN_WITH_128)).isEmpty();
    }

    @Test
    void moreSubtasksThanKeyGroupsAreRefusedNamingTheParallelism() {
        assertThat(RestoredKeyGroups.refusal(runtime(129, 0), TAKEN_WITH_128)).hasValueSatisfying(refusal ->
                assertThat(refusal).startsWith("runtime.parallelism is 129 but the state was taken with max "
                        + "parallelism 128").contains("set runtime.parallelism to 128 or less"));
    }

    @Test
    void anotherMaxParallelismIsRefusedEvenWithFewerSubtasks() {
        assertThat(RestoredKeyGroups.refusal(runtime(2, 256), TAKEN_WITH_128)).hasValueSatisfying(refusal ->
                assertThat(refusal).startsWith("runtime.max_parallelism is 256 but the state was taken with max "
                        + "parallelism 128").contains("set runtime.max_parallelism to 128, or remove it"));
    }

    @Test
    void unknownKeyGroupsRefuseNothing() {
        assertThat(RestoredKeyGroups.refusal(runtime(1000, 1000), RecordedUids.NONE)).isEmpty();
    }

    @Test
    void theJobIsConfiguredWithTheSpecsMaxParallelismOnlyWhenItSetsOne() {
        PipelineSpec spec = SpecLoader.load(Path.of("../examples/fraud.yaml"));
        assertThat(PipelineConfiguration.flinkConfiguration(spec).toMap())
                .doesNotContainKey("pipeline.max-parallelism");
        PipelineSpec withKeyGroups = spec.withRuntime(spec.runtime().withMaxParallelism(512));
        assertThat(PipelineConfiguration.flinkConfiguration(withKeyGroups).toMap())
                .containsEntry("pipeline.max-parallelism", "512");
    }

    private static RuntimeSpec runtime(int parallelism, int maxParallelism) {
        return new RuntimeSpec(parallelism, StateBackend.HASHMAP).withMaxParallelism(maxParallelism);
    }
}
