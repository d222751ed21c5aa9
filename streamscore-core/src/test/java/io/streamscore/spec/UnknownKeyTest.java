package io.streamscore.spec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnknownKeyTest {
    @Test
    void misspelledSourceKeySuggestsTheKnownKey() {
        SpecError error = SpecDraft.minimal().set("sources.transactions.allowed_latenes", "30s").onlyError();

        assertThat(error.path()).isEqualTo("sources.transactions.allowed_latenes");
        assertThat(error.problem()).isEqualTo("unknown key `allowed_latenes` in `sources.transactions`");
        assertThat(error.fix()).startsWith("did you mean `allowed_lateness`?").contains("topic, schema, format");
    }

    @Test
    void camelCaseKeySuggestsItsSnakeCaseForm() {
        SpecError error = SpecDraft.minimal().set("outputs.checkpointInterval", "5s").onlyError();

        assertThat(error.path()).isEqualTo("outputs.checkpointInterval");
        assertThat(error.fix()).startsWith("did you mean `checkpoint_interval`?");
    }

    @Test
    void partOfAKnownKeySuggestsTheWholeKey() {
        SpecError error = SpecDraft.minimal().set("sources.transactions.lateness", "30s").onlyError();

        assertThat(error.fix()).startsWith("did you mean `allowed_lateness`?");
    }

    @Test
    void unknownTopLevelKeySuggestsTheSection() {
        SpecError error = SpecDraft.minimal().set("runtim.parallelism", 4).onlyError();

        assertThat(error.path()).isEqualTo("runtim");
        assertThat(error.problem()).isEqualTo("unknown key `runtim`");
        assertThat(error.fix()).startsWith("did you mean `runtime`?");
    }

    @Test
    void keyFarFromEveryKnownKeyListsTheAllowedKeysWithoutGuessing() {
        SpecError error = SpecDraft.minimal().set("runtime.color", "blue").onlyError();

        assertThat(error.path()).isEqualTo("runtime.color");
        assertThat(error.fix())
                .isEqualTo("the keys allowed here are: parallelism, state_backend, buffer_timeout, state_cache_keys, "
                        + "changelog, changelog_materialization, max_parallelism");
    }
}
