package io.streamscore.features;

import static io.streamscore.features.FeatureFixtures.AMOUNT;
import static io.streamscore.features.FeatureFixtures.MERCHANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FeatureDefinitionTest {

    private static FeatureDefinition.Builder sum(Duration window) {
        return FeatureDefinition.builder("amount_sum").aggregation(Aggregation.SUM).field(AMOUNT).window(window);
    }

    @Test
    void defaultTileIsThreeHundredthOfTheWindow() {
        assertThat(sum(Duration.ofHours(24)).build().tile()).isEqualTo(Duration.ofSeconds(288));
        assertThat(sum(Duration.ofSeconds(1)).build().tile()).isEqualTo(Duration.ofMillis(3));
    }

    @Test
    void windowOutsideOneSecondToThirtyDaysIsRejected() {
        assertThatThrownBy(() -> sum(Duration.ofMillis(999)).build()).hasMessageContaining("between 1s and 30d");
        assertThatThrownBy(() -> sum(Duration.ofDays(31)).build()).hasMessageContaining("between 1s and 30d");
    }

    @Test
    void tileLongerThanTheWindowIsRejected() {
        assertThatThrownBy(() -> sum(Duration.ofMinutes(1)).tile(Duration.ofMinutes(2)).build())
                .hasMessageContaining("tile");
    }

    @Test
    void sumOverAStringFieldIsRejectedWithTheFix() {
        assertThatThrownBy(() -> sum(Duration.ofHours(1)).field(MERCHANT).build())
                .hasMessageContaining("needs a numeric field").hasMessageContaining("distinct_count");
    }

    @Test
    void aggregationOtherThanCountNeedsAField() {
        assertThatThrownBy(() -> sum(Duration.ofHours(1)).field(null).build()).hasMessageContaining("needs a field");
    }

    @Test
    void lastNAboveSixteenIsRejected() {
        assertThatThrownBy(() -> FeatureDefinition.builder("last").aggregation(Aggregation.LAST_N).field(AMOUNT)
                .window(Duration.ofHours(1)).lastN(17).build()).hasMessageContaining("lastN must be 1..16");
    }

    @Test
    void featureSetRejectsDuplicateNames() {
        FeatureDefinition definition = sum(Duration.ofHours(1)).build();
        assertThatThrownBy(() -> FeatureSet.of(definition, definition)).hasMessageContaining("used twice");
    }
}
