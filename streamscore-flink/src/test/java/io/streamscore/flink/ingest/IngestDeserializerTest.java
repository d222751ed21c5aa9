package io.streamscore.flink.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamscore.event.DeadLetterReason;
import io.streamscore.event.Event;
import io.streamscore.event.MalformedRecordException;
import io.streamscore.event.SourceBinding;
import org.junit.jupiter.api.Test;

class IngestDeserializerTest {
    private static final long NOW = 1_767_225_600_000L;

    @Test
    void eventTimeMoreThanADayAheadOfTheWallClockIsADeadLetter() {
        Event ahead = event(NOW + SourceBinding.MAX_FUTURE_SKEW_MS + 1);
        assertThatThrownBy(() -> IngestDeserializer.notFarAhead(ahead, NOW))
                .isInstanceOfSatisfying(MalformedRecordException.class, e -> {
                    assertThat(e.reason()).isEqualTo(DeadLetterReason.INVALID_EVENT_TIME);
                    assertThat(e.detail()).contains("more than a day ahead");
                });
    }

    @Test
    void eventTimesUpToADayAheadAndAnyPastOnesPass() throws Exception {
        Event withinADay = event(NOW + SourceBinding.MAX_FUTURE_SKEW_MS);
        Event old = event(SourceBinding.MIN_EVENT_TIME);
        assertThat(IngestDeserializer.notFarAhead(withinADay, NOW)).isSameAs(withinADay);
        assertThat(IngestDeserializer.notFarAhead(old, NOW)).isSameAs(old);
    }

    private static Event event(long eventTime) {
        return new Event("transaction", "payments", "tx-1", "user-1", eventTime, NOW, new double[0], new String[0]);
    }
}
