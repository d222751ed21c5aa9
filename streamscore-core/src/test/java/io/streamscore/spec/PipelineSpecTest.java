package io.streamscore.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PipelineSpecTest {
    /** Every section set: the example with joins, stores and features, plus a drift monitor. */
    private static final PipelineSpec FULL = SpecLoader.load(Path.of("../examples/feature-sync.yaml"))
            .withMonitoring(new MonitoringSpec(new MonitoringSpec.Drift(true, Duration.ofMinutes(5),
                    Duration.ofSeconds(10), 0.3, 100)));

    @Test
    void replacingOneSectionKeepsAllOthers() {
        // withStores once dropped the joins: a local run with an embedded Redis then ran without its join; and
        // later the monitoring section: such a run had no drift monitor.
        assertThat(FULL.joins().isEmpty()).isFalse();
        assertThat(FULL.monitoring().drift().enabled()).isTrue();
        assertThat(FULL.withStores(FULL.stores())).isEqualTo(FULL);
        assertThat(FULL.withKafka(FULL.kafka())).isEqualTo(FULL);
        assertThat(FULL.withOutputs(FULL.outputs())).isEqualTo(FULL);
        assertThat(FULL.withRuntime(FULL.runtime())).isEqualTo(FULL);
        assertThat(FULL.withFeatures(FULL.features())).isEqualTo(FULL);
        assertThat(FULL.withAlerts(FULL.alerts())).isEqualTo(FULL);
        assertThat(FULL.withJoins(FULL.joins())).isEqualTo(FULL);
        assertThat(FULL.withModel(FULL.model().orElse(null))).isEqualTo(FULL);
        assertThat(FULL.withMonitoring(FULL.monitoring())).isEqualTo(FULL);
    }
}
