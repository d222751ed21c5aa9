package io.streamscore.bench.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.bench.BenchArgs;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureBenchmarkOptionsTest {
    private static FeatureBenchmarkOptions options(String... args) {
        return BenchArgs.parsed(FeaturesCommand.class, args).options();
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        FeatureBenchmarkOptions options = options("features", "--json", "out.json");

        assertThat(options.keys()).containsExactly(10_000, 1_000_000);
        assertThat(options.events()).containsExactly(2_000_000, 2_000_000);
        assertThat(options.runs()).isEqualTo(3);
        assertThat(options.warmUpRounds()).isEqualTo(2);
        assertThat(options.seed()).isEqualTo(42);
        assertThat(options.only()).isEmpty();
    }

    @Test
    void oneEventCountAppliesToEveryKeyCount() {
        FeatureBenchmarkOptions options = options("features", "--json", "out.json", "--keys", "10000,1000000",
                "--events", "500_000");
        assertThat(options.events()).containsExactly(500_000, 500_000);
        assertThat(options.runs()).isEqualTo(3);
    }

    @Test
    void eventCountsCanBeGivenPerKeyCount() {
        FeatureBenchmarkOptions options = options("features", "--json", "out.json", "--events", "2000000,1000000",
                "--only", "streamscore-heap,sql-over", "--seed", "7");
        assertThat(options.keys()).isEqualTo(List.of(10_000, 1_000_000));
        assertThat(options.events()).containsExactly(2_000_000, 1_000_000);
        assertThat(options.only()).containsExactly("streamscore-heap", "sql-over");
        assertThat(options.seed()).isEqualTo(7);
    }

    @Test
    void fewerThanThreeRunsAreRefused() {
        BenchArgs.Outcome outcome = BenchArgs.execute("features", "--json", "x", "--runs", "2");

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains("--runs must be at least 3", "Usage: streamscore bench features");
    }

    @Test
    void warmUpRoundsCanBeZeroButNotNegative() {
        assertThat(options("features", "--json", "out.json", "--warmup-rounds", "0").warmUpRounds()).isZero();

        BenchArgs.Outcome outcome = BenchArgs.execute("features", "--json", "x", "--warmup-rounds", "-1");
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains("--warmup-rounds must be at least 0, got -1");
    }

    @Test
    void aCountThatIsNotPositiveIsRefused() {
        BenchArgs.Outcome outcome = BenchArgs.execute("features", "--json", "x", "--keys", "10000,0");

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains("--keys", "must be positive, got 0");
    }

    @Test
    void theJsonFileIsRequired() {
        BenchArgs.Outcome outcome = BenchArgs.execute("features", "--runs", "3");

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains("Missing required option: '--json=FILE'");
    }
}
