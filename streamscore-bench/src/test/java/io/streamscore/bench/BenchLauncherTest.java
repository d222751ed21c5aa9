package io.streamscore.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BenchLauncherTest {
    @TempDir
    Path dir;

    @Test
    void helpListsEveryOptionOfPipelineAndRunsNothing() {
        Path json = dir.resolve("report.json");

        BenchArgs.Outcome outcome = BenchArgs.execute("pipeline", "--json", json.toString(), "--help");

        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.out()).contains("Usage: streamscore bench pipeline", "--json=FILE", "--keys=N",
                "--events=N", "--runs=N", "--live-seconds=S", "--warmup-seconds=S", "--buffer-timeout-ms=MS",
                "--state-backend=hashmap|rocksdb", "--state-cache-keys=N", "10000,1000000", "Default: 200000");
        assertThat(json).doesNotExist();
    }

    @Test
    void helpListsEveryOptionOfFeaturesAndRemote() {
        BenchArgs.Outcome features = BenchArgs.execute("features", "--help");
        BenchArgs.Outcome remote = BenchArgs.execute("remote", "-h");

        assertThat(features.exitCode()).isZero();
        assertThat(features.out()).contains("--json=FILE", "--keys=N", "--events=N", "--runs=N", "--seed=N",
                "--only=ENGINE", "Default: 2000000", "Default: 42");
        assertThat(remote.exitCode()).isZero();
        assertThat(remote.out()).contains("--json=FILE", "--events=N", "--runs=N", "--features=F", "Default: 40000");
    }

    @Test
    void helpOfBenchListsItsCommands() {
        BenchArgs.Outcome outcome = BenchArgs.execute("--help");

        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.out()).contains("features", "pipeline", "remote", "jmh");
    }

    @Test
    void noCommandPrintsTheUsage() {
        BenchArgs.Outcome outcome = BenchArgs.execute();

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains("Missing command", "Usage: streamscore bench");
    }

    @ParameterizedTest
    @ValueSource(strings = {"features", "pipeline", "remote"})
    void theJsonReportIsRequired(String command) {
        BenchArgs.Outcome outcome = BenchArgs.execute(command, "--runs", "3");

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains("Missing required option: '--json=FILE'", "Usage:");
    }

    @Test
    void anUnknownOptionIsAnErrorNamingIt() {
        BenchArgs.Outcome outcome = BenchArgs.execute("pipeline", "--json", "x.json", "--rounds", "3");

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains("Unknown options: '--rounds', '3'", "Usage: streamscore bench pipeline");
    }

    @Test
    void aTrailingOptionWithoutItsValueIsAnError() {
        BenchArgs.Outcome outcome = BenchArgs.execute("remote", "--json", "x.json", "--events");

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains("Missing required parameter for option '--events'");
    }

    @Test
    void negativeWarmUpRoundsAreAnErrorBeforeAnythingRuns() {
        BenchArgs.Outcome outcome = BenchArgs.execute("remote", "--json", "x.json", "--warmup-rounds", "-1");

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains("--warmup-rounds must be 0 or more, not -1");
    }

    @Test
    void jmhGetsEveryArgumentUnchanged() {
        JmhCommand jmh = BenchArgs.parsed(JmhCommand.class, "jmh", "XGBoostScoringBenchmark", "-f", "1", "-wi", "2",
                "-h", "@file");

        assertThat(jmh.jmhArgs).containsExactly("XGBoostScoringBenchmark", "-f", "1", "-wi", "2", "-h", "@file");
    }
}
