package io.streamscore.features;

import io.streamscore.event.EventField;
import io.streamscore.event.FieldType;
import java.time.Duration;

/** Test vocabulary: the fields of {@link RandomEventStream} events and feature sets over them. */
final class FeatureFixtures {
    static final EventField AMOUNT = new EventField("amount", FieldType.DOUBLE, true, 0);
    static final EventField FLAG = new EventField("flag", FieldType.BOOLEAN, false, 1);
    static final EventField MERCHANT = new EventField("merchant", FieldType.STRING, true, 0);
    static final EventField DEVICE = new EventField("device", FieldType.STRING, false, 1);
    static final FeatureFilter FLAGGED = (numbers, strings) -> numbers[1] == 1;
    static final long T0 = 1_700_000_000_000L;
    static final long SECOND = 1_000;
    static final long MINUTE = 60 * SECOND;
    static final long HOUR = 60 * MINUTE;
    static final long DAY = 24 * HOUR;

    private FeatureFixtures() {}

    static FeatureDefinition feature(String name, Aggregation aggregation, EventField field, Duration window) {
        return FeatureDefinition.builder(name).aggregation(aggregation).field(field).window(window).build();
    }

    /** Every aggregation, windows from 1 s to 30 days, default and custom tiles, with and without filters. */
    static FeatureSet everyAggregation() {
        return FeatureSet.of(
                feature("count_1s", Aggregation.COUNT, null, Duration.ofSeconds(1)),
                FeatureDefinition.builder("amount_count_30d_daily").aggregation(Aggregation.COUNT).field(AMOUNT)
                        .window(Duration.ofDays(30)).tile(Duration.ofDays(1)).build(),
                FeatureDefinition.builder("sum_10s_exact").aggregation(Aggregation.SUM).field(AMOUNT)
                        .window(Duration.ofSeconds(10)).tile(Duration.ofMillis(1)).build(),
                feature("avg_5m", Aggregation.AVG, AMOUNT, Duration.ofMinutes(5)),
                feature("min_1h", Aggregation.MIN, AMOUNT, Duration.ofHours(1)),
                FeatureDefinition.builder("max_1h_flagged").aggregation(Aggregation.MAX).field(AMOUNT)
                        .window(Duration.ofHours(1)).filter(FLAGGED).build(),
                feature("variance_24h", Aggregation.VARIANCE, AMOUNT, Duration.ofHours(24)),
                feature("stddev_5m", Aggregation.STDDEV, AMOUNT, Duration.ofMinutes(5)),
                feature("first_30d", Aggregation.FIRST, AMOUNT, Duration.ofDays(30)),
                feature("last_1h", Aggregation.LAST, AMOUNT, Duration.ofHours(1)),
                FeatureDefinition.builder("merchants_1h_cap5").aggregation(Aggregation.DISTINCT_COUNT)
                        .field(MERCHANT).window(Duration.ofHours(1)).distinctCap(5).build(),
                feature("amounts_distinct_24h", Aggregation.DISTINCT_COUNT, AMOUNT, Duration.ofHours(24)),
                feature("merchants_approx_5m", Aggregation.APPROX_DISTINCT, MERCHANT, Duration.ofMinutes(5)),
                FeatureDefinition.builder("last3_10s").aggregation(Aggregation.LAST_N).field(AMOUNT)
                        .window(Duration.ofSeconds(10)).lastN(3).build(),
                FeatureDefinition.builder("last16_30d_flagged").aggregation(Aggregation.LAST_N).field(AMOUNT)
                        .window(Duration.ofDays(30)).filter(FLAGGED).build());
    }
}
