package io.streamscore.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MonitoringSectionTest {
    private static SpecDraft withModel() {
        return SpecDraft.minimal().in(Path.of("/specs")).set("model", Map.of("registry", "models", "name", "fraud",
                "threshold", 0.7));
    }

    @Test
    void absentMonitoringMeansNoDriftMonitor() {
        assertThat(SpecDraft.minimal().load().monitoring()).isEqualTo(MonitoringSpec.NONE);
        assertThat(MonitoringSpec.NONE.drift().enabled()).isFalse();
    }

    @Test
    void emptyDriftGetsTheDefaults() {
        MonitoringSpec.Drift drift = withModel().set("monitoring", Map.of("drift", Map.of()))
                .load().monitoring().drift();

        assertThat(drift)
                .isEqualTo(new MonitoringSpec.Drift(true, Duration.ofMinutes(10), Duration.ofSeconds(30), 0.2, 500));
        assertThat(drift.slots()).isEqualTo(20);
    }

    @Test
    void everyKeyIsRead() {
        MonitoringSpec.Drift drift = withModel().set("monitoring", Map.of("drift", Map.of("enabled", false,
                "window", "5m", "every", "10s", "threshold", 0.3, "min_samples", 100))).load().monitoring().drift();

        assertThat(drift)
                .isEqualTo(new MonitoringSpec.Drift(false, Duration.ofMinutes(5), Duration.ofSeconds(10), 0.3, 100));
    }

    @Test
    void windowMustBeAWholeMultipleOfEvery() {
        SpecError error = withModel().set("monitoring", Map.of("drift", Map.of("window", "100s", "every", "30s")))
                .onlyError();

        assertThat(error.path()).isEqualTo("monitoring.drift.window");
        assertThat(error.fix()).contains("window: 10m");
    }

    @Test
    void aBadThresholdDoesNotHideAWindowThatIsNoMultipleOfEvery() {
        List<SpecError> errors = withModel().set("monitoring", Map.of("drift", Map.of("window", "7m", "every", "2m",
                "threshold", -1))).errors();

        assertThat(errors).extracting(SpecError::path)
                .containsExactly("monitoring.drift.window", "monitoring.drift.threshold");
    }

    @Test
    void windowWithTooManySlotsSaysSoInsteadOfNotAMultiple() {
        SpecError error = withModel().set("monitoring", Map.of("drift", Map.of("window", "7d", "every", "100ms")))
                .onlyError();

        assertThat(error.path()).isEqualTo("monitoring.drift.window");
        assertThat(error.problem()).isEqualTo("every 100ms cuts the window 7d into 6048000 slots, more than the "
                + "maximum 1000 (each slot holds a histogram per feature)");
        assertThat(error.fix()).contains("whole multiple of every 100ms").contains("`window: 2s`");
    }

    @Test
    void everyThatDoesNotFitTheDefaultWindowIsBlamedWithAnEveryThatDoes() {
        SpecError error = withModel().set("monitoring", Map.of("drift", Map.of("every", "7s"))).onlyError();

        assertThat(error.path()).isEqualTo("monitoring.drift.every");
        assertThat(error.problem()).isEqualTo("window 10m is not a whole multiple of every 7s");
        assertThat(error.fix()).isEqualTo("use an `every` that divides the window 10m into at most 1000 slots, "
                + "e.g. `every: 30s`");
    }

    @Test
    void tooLongWindowSaysWhyAfterASeparator() {
        SpecError error = withModel().set("monitoring", Map.of("drift", Map.of("window", "8d"))).onlyError();

        assertThat(error.problem()).isEqualTo("'8d' is longer than the maximum 7d; a drift window longer than a week "
                + "hides recent drift");
    }

    @Test
    void driftNeedsAModelForItsBaselines() {
        SpecError error = SpecDraft.minimal().set("monitoring", Map.of("drift", Map.of())).onlyError();

        assertThat(error.path()).isEqualTo("monitoring.drift");
        assertThat(error.problem()).contains("baselines");
        assertThat(error.fix()).contains("model");
    }

    @Test
    void aWindowAboveAWeekSaysWhyAfterASeparator() {
        SpecError error = withModel().set("monitoring", Map.of("drift", Map.of("window", "8d"))).onlyError();

        assertThat(error.problem()).isEqualTo("'8d' is longer than the maximum 7d; a drift window longer than a week "
                + "hides recent drift");
    }
}
