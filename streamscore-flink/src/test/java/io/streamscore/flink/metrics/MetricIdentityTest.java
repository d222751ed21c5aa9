package io.streamscore.flink.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricIdentityTest {
    private static final Map<String, String> SYSTEM = Map.of("<host>", "localhost", "<subtask_index>", "1",
            "<job_name>", "streamscore-fraud");

    @Test
    void keyValueGroupsBecomeLabelsAndSystemScopeIsDropped() {
        Map<String, String> variables = new java.util.HashMap<>(SYSTEM);
        variables.put("<source>", "payments");
        variables.put("<reason>", "invalid_json");

        assertThat(MetricIdentity.of("taskmanager.job.task.operator.streamscore.source.reason", variables,
                "dead_letters_by_reason")).contains(new MetricIdentity("streamscore_dead_letters_by_reason",
                Map.of("source", "payments", "reason", "invalid_json")));
    }

    @Test
    void plainGroupsBecomeNameParts() {
        assertThat(MetricIdentity.of("taskmanager.job.task.operator.streamscore.drift", SYSTEM, "psi.max"))
                .contains(new MetricIdentity("streamscore_drift_psi_max", Map.of()));
    }

    @Test
    void checkpointAndRestartMetricsOfTheJobAreRenamedAndOtherFlinkMetricsAreNotExported() {
        assertThat(MetricIdentity.of("jobmanager.job", SYSTEM, "lastCheckpointDuration"))
                .contains(new MetricIdentity("streamscore_checkpoint_duration_ms", Map.of("job", "streamscore-fraud")));
        assertThat(MetricIdentity.of("jobmanager.job", SYSTEM, "numRestarts"))
                .contains(new MetricIdentity("streamscore_job_restarts", Map.of("job", "streamscore-fraud")));
        assertThat(MetricIdentity.of("jobmanager.job", SYSTEM, "restartingTime")).isEmpty();
        assertThat(MetricIdentity.of("taskmanager.job.task.operator", SYSTEM, "numRecordsIn")).isEmpty();
    }
}
