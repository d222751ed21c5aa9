package io.streamscore.cli.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.event.Event;
import io.streamscore.flink.store.FeatureVector;
import io.streamscore.flink.store.FeatureVectorFunction;
import io.streamscore.spec.PipelineSpec;
import io.streamscore.spec.SpecLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.junit.jupiter.api.Test;

/** Which events become which vectors: the store's source only, its entity field, its feature columns in order. */
class FeatureVectorFunctionTest {
    private static final List<String> PLAN = List.of("user_tx_1h", "card_tx_1h", "other");

    private static PipelineSpec spec(String redis) {
        return SpecLoader.parse("""
                name: vectors
                sources:
                  transactions: {topic: transactions, schema: transaction, key: user_id, event_time: event_time}
                outputs: {scores_topic: s, alerts_topic: a, late_topic: l, dead_letter_topic: d}
                features:
                  - {name: user_tx_1h, aggregation: count, window: 1h}
                  - {name: card_tx_1h, key: card_id, aggregation: count, window: 1h}
                stores:
                  redis: %s
                """.formatted(redis), Path.of("."));
    }

    private static Event payment(PipelineSpec spec, String source) throws Exception {
        String json = "{\"event_id\":\"e1\",\"user_id\":\"u1\",\"card_id\":\"c7\",\"merchant_id\":\"m1\","
                + "\"merchant_category\":\"food\",\"device_id\":\"d1\",\"ip\":\"10.0.0.1\","
                + "\"amount\":12.5,\"currency\":\"EUR\",\"country\":\"DE\",\"event_time\":1767225600000}";
        Event event = spec.source("transactions").codec().decode(json.getBytes(StandardCharsets.UTF_8), 5);
        event.source = source;
        event.features = new double[] {3, 9, 100};
        return event;
    }

    private static List<FeatureVector> vectors(PipelineSpec spec, Event event) {
        List<FeatureVector> out = new ArrayList<>();
        new FeatureVectorFunction(spec.stores().redis(), spec.source("transactions"), PLAN)
                .flatMap(event, new ListCollector<>(out));
        return out;
    }

    @Test
    void storesTheListedColumnsKeyedByTheSourceKey() throws Exception {
        PipelineSpec spec = spec("{features: [card_tx_1h, user_tx_1h]}");

        FeatureVector vector = vectors(spec, payment(spec, "transactions")).get(0);

        assertThat(vector.entity).isEqualTo("u1");
        assertThat(vector.eventId).isEqualTo("e1");
        assertThat(vector.validAt).isEqualTo(1_767_225_600_000L);
        assertThat(vector.values).containsExactly(9, 3);
    }

    @Test
    void anotherFieldCanBeTheEntity() throws Exception {
        PipelineSpec spec = spec("{entity: card_id}");

        assertThat(vectors(spec, payment(spec, "transactions")).get(0).entity).isEqualTo("c7");
    }

    @Test
    void eventsOfOtherSourcesAreNotStored() throws Exception {
        PipelineSpec spec = spec("{}");

        assertThat(vectors(spec, payment(spec, "clicks"))).isEmpty();
    }
}
