package io.streamscore.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SendTimesTest {

    @Test
    void aSentPaymentHasItsSendTimeAndOthersNone() {
        SendTimes times = new SendTimes(new String[] {"a", "b", "c"}, 0);
        long before = System.currentTimeMillis();

        times.sending(1);

        assertThat(times.sentAt("b")).isBetween(before, System.currentTimeMillis());
        assertThat(times.sentAt("a")).as("not sent yet").isNull();
        assertThat(times.sentAt("z")).as("not in the input").isNull();
    }

    @Test
    void theFirstPaymentsWarmUpAndTheRestAreMeasured() {
        SendTimes times = new SendTimes(new String[] {"a", "b", "c"}, 2);

        assertThat(times.isWarmUp("a")).isTrue();
        assertThat(times.isWarmUp("b")).isTrue();
        assertThat(times.isWarmUp("c")).isFalse();
        assertThat(times.isWarmUp("z")).as("not in the input").isFalse();
    }
}
