package io.streamscore.bench.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureBenchmarkOptionsTest {
    @Test
    void oneEventCountAppliesToEveryKeyCount() {
        FeatureBenchmarkOptions options = FeatureBenchmarkOptions.parse(
                new String[] {"--json", "out.json", "--keys", "10000,1000000", "--events", "500000"});
        assertThat(options.events()).containsExactly(500_000, 500_000);
        assertThat(options.runs()).isEqualTo(3);
    }

    @Test
    void eventCountsCanBeGivenPerKeyCount() {
        FeatureBenchmarkOptions options = FeatureBenchmarkOptions.parse(
                new String[] {"--json", "out.json", "--events", "2000000,1000000"});
        assertThat(options.keys()).isEqualTo(List.of(10_000, 1_000_000));
        assertThat(options.events()).containsExactly(2_000_000, 1_000_000);
    }

    @Test
    void fewerThanThreeRunsAreRefused() {
        assertThatThrownBy(() -> FeatureBenchmarkOptions.parse(new String[] {"--json", "x", "--runs", "2"}))
                .hasMessageContaining("--runs must be at least 3");
    }

    @Test
    void theJsonFileIsRequired() {
        assertThatThrownBy(() -> FeatureBenchmarkOptions.parse(new String[] {"--runs", "3"}))
                .hasMessageContaining("--json FILE is required");
    }
}
