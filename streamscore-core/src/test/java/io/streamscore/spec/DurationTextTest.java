package io.streamscore.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationTextTest {
    @Test
    void shortFormsUseTheirUnit() {
        assertThat(DurationText.parse("250ms")).contains(Duration.ofMillis(250));
        assertThat(DurationText.parse("5s")).contains(Duration.ofSeconds(5));
        assertThat(DurationText.parse("10m")).contains(Duration.ofMinutes(10));
        assertThat(DurationText.parse("1h")).contains(Duration.ofHours(1));
        assertThat(DurationText.parse("30d")).contains(Duration.ofDays(30));
        assertThat(DurationText.parse("-5s")).contains(Duration.ofSeconds(-5));
    }

    @Test
    void isoFormIsAcceptedInAnyCase() {
        assertThat(DurationText.parse("PT5S")).contains(Duration.ofSeconds(5));
        assertThat(DurationText.parse("pt1m30s")).contains(Duration.ofSeconds(90));
    }

    @Test
    void otherFormsAreNotGuessed() {
        assertThat(DurationText.parse("1.5s")).isEmpty();
        assertThat(DurationText.parse("5 sec")).isEmpty();
        assertThat(DurationText.parse("P")).isEmpty();
        assertThat(DurationText.parse("")).isEmpty();
    }

    @Test
    void amountTooLargeForADurationIsAnArithmeticError() {
        assertThatThrownBy(() -> DurationText.parse("99999999999999999999d")).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void formatPicksTheLargestExactUnit() {
        assertThat(DurationText.format(Duration.ofDays(1))).isEqualTo("1d");
        assertThat(DurationText.format(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(DurationText.format(Duration.ofMillis(100))).isEqualTo("100ms");
        assertThat(DurationText.format(Duration.ZERO)).isEqualTo("0s");
    }
}
