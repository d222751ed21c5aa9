package io.streamscore.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PipelineSpecTest {
    /** Every section set: the example with joins, stores and features. */
    private static final PipelineSpec FULL = SpecLoader.load(Path.of("../examples/feature-sync.yaml"));

    @Test
    void replacingOneSectionKeepsAllOthers() {
        // withStores once dropped the joins: a local run with an embedded Redis then ran without its join.
        assertThat(FULL.joins().isEmpty()).isFalse();
        assertThat(FULL.withStores(FULL.stores())).isEqualTo(FULL);
        assertThat(FULL.withKafka(FULL.kafka())).isEqualTo(FULL);
        assertThat(FULL.withOutputs(FULL.outputs())).isEqualTo(FULL);
        assertThat(FULL.withRuntime(FULL.runtime())).isEqualTo(FULL);
        assertThat(FULL.withFeatures(FULL.features())).isEqualTo(FULL);
        assertThat(FULL.withAlerts(FULL.alerts())).isEqualTo(FULL);
        assertThat(FULL.withJoins(FULL.joins())).isEqualTo(FULL);
    }
}
