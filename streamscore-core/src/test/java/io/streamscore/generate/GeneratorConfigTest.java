package io.streamscore.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamscore.spec.Format;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class GeneratorConfigTest {

    @Test
    void defaultsAreTheNamedConstants() {
        GeneratorConfig config = GeneratorConfig.builder().build();

        assertThat(config.eventsPerSecond()).isEqualTo(GeneratorConfig.DEFAULT_EVENTS_PER_SECOND);
        assertThat(config.users()).isEqualTo(10_000);
        assertThat(config.outOfOrderMaxDelay()).isEqualTo(Duration.ofSeconds(4));
        assertThat(config.tooLateDelay()).isEqualTo(Duration.ofHours(2));
        assertThat(config.labelDelayMax()).isEqualTo(Duration.ofDays(3));
        assertThat(config.format()).isEqualTo(Format.JSON);
        assertThat(config.profiles()).isFalse();
        assertThat(config.fraudShare()).isBetween(0.005, 0.02);
    }

    @Test
    void toBuilderKeepsEveryValue() {
        GeneratorConfig config = GeneratorConfig.builder().seed(3).users(77).clicksPerTransaction(2).profiles(true)
                .format(Format.AVRO).labelTimeScale(1440).build();

        assertThat(config.toBuilder().build()).isEqualTo(config);
    }

    @Test
    void invalidValuesAreRejectedNamingTheField() {
        assertRejected(GeneratorConfig.builder().eventsPerSecond(0), "eventsPerSecond");
        assertRejected(GeneratorConfig.builder().users(0), "users");
        assertRejected(GeneratorConfig.builder().merchants(3), "merchants");
        assertRejected(GeneratorConfig.builder().outOfOrderShare(1.5), "outOfOrderShare");
        assertRejected(GeneratorConfig.builder().malformedShare(Double.NaN), "malformedShare");
        assertRejected(GeneratorConfig.builder().fraudShares(0.3, 0.3, 0), "cardTestingShare + accountTakeoverShare");
        assertRejected(GeneratorConfig.builder().outOfOrderMaxDelay(Duration.ZERO), "outOfOrderMaxDelay");
        assertRejected(GeneratorConfig.builder().labelDelay(Duration.ofHours(2), Duration.ofHours(1)),
                "labelDelayMax");
        assertRejected(GeneratorConfig.builder().startTime(1_700_000_000L), "startTime");
        assertRejected(GeneratorConfig.builder().clicksPerTransaction(-1), "clicksPerTransaction");
    }

    private static void assertRejected(GeneratorConfig.Builder builder, String field) {
        assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("generator " + field);
    }
}
