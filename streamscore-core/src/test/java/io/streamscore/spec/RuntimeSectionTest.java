package io.streamscore.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RuntimeSectionTest {
    @Test
    void runtimeSettingsAreRead() {
        RuntimeSpec runtime = SpecDraft.minimal().set("runtime.parallelism", 8).set("runtime.state_backend", "HashMap")
                .load().runtime();

        assertThat(runtime).isEqualTo(new RuntimeSpec(8, StateBackend.HASHMAP));
    }

    @Test
    void changelogIsOffByDefaultAndReadWithItsMaterializationPeriod() {
        assertThat(SpecDraft.minimal().load().runtime().changelog()).isEqualTo(ChangelogSpec.OFF);
        assertThat(SpecDraft.minimal().set("runtime.changelog", true).load().runtime().changelog())
                .isEqualTo(ChangelogSpec.on(Duration.ofMinutes(10)));
        assertThat(SpecDraft.minimal().set("runtime.changelog", true).set("runtime.changelog_materialization", "30s")
                .load().runtime().changelog()).isEqualTo(ChangelogSpec.on(Duration.ofSeconds(30)));
    }

    @Test
    void changelogMaterializationWithoutTheChangelogIsAnError() {
        SpecError error = SpecDraft.minimal().set("runtime.changelog_materialization", "1m").onlyError();

        assertThat(error.path()).isEqualTo("runtime.changelog_materialization");
        assertThat(error.problem()).isEqualTo("changelog_materialization is set but the changelog is off");
        assertThat(error.fix()).contains("changelog: true");
    }

    @Test
    void changelogMustBeABooleanAndItsPeriodInRange() {
        assertThat(SpecDraft.minimal().set("runtime.changelog", "yes").onlyError().path())
                .isEqualTo("runtime.changelog");
        SpecError error = SpecDraft.minimal().set("runtime.changelog", true)
                .set("runtime.changelog_materialization", "500ms").onlyError();
        assertThat(error.path()).isEqualTo("runtime.changelog_materialization");
        assertThat(error.fix()).contains("from 1s to 1d");
    }

    @Test
    void maxParallelismIsLeftToFlinkByDefaultAndRead() {
        assertThat(SpecDraft.minimal().load().runtime().maxParallelism())
                .isEqualTo(RuntimeSpec.FLINK_DEFAULT_MAX_PARALLELISM);
        assertThat(SpecDraft.minimal().set("runtime.max_parallelism", 512).load().runtime().maxParallelism())
                .isEqualTo(512);
    }

    @Test
    void maxParallelismBelowTheParallelismIsAnErrorNamingBothFixes() {
        SpecError error = SpecDraft.minimal().set("runtime.parallelism", 8).set("runtime.max_parallelism", 4)
                .onlyError();

        assertThat(error.path()).isEqualTo("runtime.max_parallelism");
        assertThat(error.problem()).isEqualTo("max_parallelism 4 is below parallelism 8: keyed state cannot be split "
                + "into fewer key groups than subtasks");
        assertThat(error.fix()).contains("raise max_parallelism to at least 8").contains("or lower parallelism");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 32_769})
    void maxParallelismOutsideOneTo32768IsOneError(int maxParallelism) {
        SpecError error = SpecDraft.minimal().set("runtime.max_parallelism", maxParallelism).onlyError();

        assertThat(error.path()).isEqualTo("runtime.max_parallelism");
        assertThat(error.fix()).contains("from 1 to 32768");
    }

    @Test
    void bufferTimeoutDefaultsToFiveMillisecondsAndIsRead() {
        assertThat(SpecDraft.minimal().load().runtime().bufferTimeout()).isEqualTo(Duration.ofMillis(5));
        assertThat(SpecDraft.minimal().set("runtime.buffer_timeout", "20ms").load().runtime().bufferTimeout())
                .isEqualTo(Duration.ofMillis(20));
        assertThat(SpecDraft.minimal().set("runtime.buffer_timeout", 0).load().runtime().bufferTimeout())
                .isEqualTo(Duration.ZERO);
    }

    @Test
    void bufferTimeoutOverOneSecondIsAnError() {
        SpecError error = SpecDraft.minimal().set("runtime.buffer_timeout", "2s").onlyError();

        assertThat(error.path()).isEqualTo("runtime.buffer_timeout");
        assertThat(error.problem()).contains("longer than the maximum 1s");
        assertThat(error.fix()).contains("(default 5ms)");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1025, -3})
    void parallelismOutsideOneTo1024IsAnError(int parallelism) {
        SpecError error = SpecDraft.minimal().set("runtime.parallelism", parallelism).onlyError();

        assertThat(error.path()).isEqualTo("runtime.parallelism");
        assertThat(error.problem()).isEqualTo(
                "`" + parallelism + "` is out of range: parallelism must be between 1 and 1024");
        assertThat(error.fix()).isEqualTo("write a whole number from 1 to 1024 (default 2)");
    }

    @Test
    void quotedParallelismSaysToDropTheQuotes() {
        SpecError error = SpecDraft.minimal().set("runtime.parallelism", "4").onlyError();

        assertThat(error.problem()).isEqualTo("expected a whole number, found text '4'");
        assertThat(error.fix()).isEqualTo("write the number without quotes: `parallelism: 4`");
    }

    @Test
    void fractionalParallelismNamesTheExpectedType() {
        SpecError error = SpecDraft.minimal().set("runtime.parallelism", 1.5).onlyError();

        assertThat(error.problem()).isEqualTo("expected a whole number, found the number 1.5");
    }

    @Test
    void unknownStateBackendListsTheChoices() {
        SpecError error = SpecDraft.minimal().set("runtime.state_backend", "forst").onlyError();

        assertThat(error.path()).isEqualTo("runtime.state_backend");
        assertThat(error.problem()).isEqualTo("'forst' is not a valid state_backend");
        assertThat(error.fix()).isEqualTo("use one of: rocksdb, hashmap (default rocksdb)");
    }

    @Test
    void stateCacheKeysDefaultsToTenThousandAndZeroTurnsItOff() {
        assertThat(SpecDraft.minimal().load().runtime().stateCacheKeys()).isEqualTo(10_000);
        assertThat(SpecDraft.minimal().set("runtime.state_cache_keys", 0).load().runtime().stateCacheKeys()).isZero();
        assertThat(SpecDraft.minimal().set("runtime.state_cache_keys", 250_000).load().runtime().stateCacheKeys())
                .isEqualTo(250_000);
    }

    @Test
    void negativeStateCacheKeysIsAnErrorNamingTheRange() {
        SpecError error = SpecDraft.minimal().set("runtime.state_cache_keys", -1).onlyError();

        assertThat(error.path()).isEqualTo("runtime.state_cache_keys");
        assertThat(error.problem()).contains("out of range");
        assertThat(error.fix()).isEqualTo("write a whole number from 0 to 10000000 (default 10000)");
    }
}
