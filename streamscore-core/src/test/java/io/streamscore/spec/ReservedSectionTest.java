package io.streamscore.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReservedSectionTest {
    @ParameterizedTest
    @ValueSource(strings = {"joins"})
    void nonEmptyReservedSectionIsNotSupportedYet(String section) {
        SpecError error = SpecDraft.minimal().set(section, Map.of("name", "x")).onlyError();

        assertThat(error.path()).isEqualTo(section);
        assertThat(error.problem()).isEqualTo("section '" + section + "' is not supported by this version yet");
        assertThat(error.fix()).startsWith("remove the `" + section + "` section");
    }

    @ParameterizedTest
    @ValueSource(strings = {"joins"})
    void emptyReservedSectionIsAccepted(String section) {
        assertThat(SpecDraft.minimal().set(section, List.of()).errors()).isEmpty();
        assertThat(SpecDraft.minimal().set(section, null).errors()).isEmpty();
    }
}
