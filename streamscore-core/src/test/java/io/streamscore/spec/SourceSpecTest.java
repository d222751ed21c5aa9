package io.streamscore.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.event.AvroEventCodec;
import io.streamscore.event.EventCodec;
import io.streamscore.event.EventSchema;
import io.streamscore.event.JsonEventCodec;
import io.streamscore.event.MalformedRecordException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SourceSpecTest {
    private static final EventSchema CLICK = EventSchema.builtIn("click");

    @Test
    void jsonSourceGetsAJsonCodecBoundToItsFields() throws MalformedRecordException {
        EventCodec codec = source(Format.JSON).codec();
        String json = "{\"event_id\":\"c-1\",\"user_id\":\"u-9\",\"session_id\":\"s-1\",\"page\":\"/\","
                + "\"action\":\"view\",\"event_time\":1700000000000}";

        var event = codec.decode(json.getBytes(StandardCharsets.UTF_8), 1L);

        assertThat(codec).isInstanceOf(JsonEventCodec.class);
        assertThat(event.source).isEqualTo("clicks");
        assertThat(event.key).isEqualTo("u-9");
        assertThat(event.eventId).isEqualTo("c-1");
    }

    @Test
    void avroSourceGetsAnAvroCodecWithItsBinding() {
        EventCodec codec = source(Format.AVRO).codec();

        assertThat(codec).isInstanceOf(AvroEventCodec.class);
        assertThat(((AvroEventCodec) codec).binding()).isEqualTo(source(Format.AVRO).binding());
    }

    private static SourceSpec source(Format format) {
        return new SourceSpec("clicks", "clicks-topic", CLICK, format, "event_id", "user_id", "event_time",
                SourceSpec.DEFAULT_MAX_OUT_OF_ORDERNESS, SourceSpec.DEFAULT_IDLENESS, Duration.ZERO, 4096);
    }
}
