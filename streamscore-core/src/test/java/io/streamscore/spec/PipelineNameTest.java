package io.streamscore.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineNameTest {
    @Test
    void missingNameIsAnError() {
        SpecError error = SpecDraft.minimal().remove("name").onlyError();

        assertThat(error.path()).isEqualTo("name");
        assertThat(error.problem()).isEqualTo("required key `name` is missing");
        assertThat(error.fix()).startsWith("add `name: <pipeline name>`").contains("e.g. `name: fraud`");
    }

    @Test
    void nameWithCapitalsAndSpacesGetsASafeSuggestion() {
        SpecError error = SpecDraft.minimal().set("name", "Fraud Detection!").onlyError();

        assertThat(error.path()).isEqualTo("name");
        assertThat(error.problem()).isEqualTo("'Fraud Detection!' is not a valid pipeline name");
        assertThat(error.fix()).endsWith("e.g. `fraud-detection`");
    }

    @Test
    void nameLongerThanSixtyFourCharactersIsAnError() {
        SpecError error = SpecDraft.minimal().set("name", "a".repeat(65)).onlyError();

        assertThat(error.fix()).contains("1 to 64", "`" + "a".repeat(64) + "`");
    }

    @Test
    void nameWrittenAsAListNamesTheExpectedType() {
        SpecError error = SpecDraft.minimal().set("name", List.of("fraud")).onlyError();

        assertThat(error.problem()).isEqualTo("expected a single text value, found a list");
        assertThat(error.fix()).isEqualTo("write it on one line as `name: <text>`");
    }

    @Test
    void outputExamplesUseTheSuggestedNameWhenTheNameIsInvalid() {
        List<SpecError> errors = SpecDraft.minimal().set("name", "Fraud").set("outputs.alerts_topic", "scores")
                .errors();

        assertThat(errors).extracting(SpecError::fix).last().asString().endsWith("e.g. `fraud-alerts`");
    }
}
