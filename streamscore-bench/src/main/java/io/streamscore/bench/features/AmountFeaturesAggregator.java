package io.streamscore.bench.features;

import io.streamscore.event.Event;
import org.apache.flink.api.common.functions.AggregateFunction;

/**
 * The DataStream baseline's incremental aggregate: accumulator {@code [count, sum, max]} of the present amounts, as a
 * {@code double[]} (Flink's primitive-array serializer, the cheapest state it has). Count and sum in doubles are exact
 * up to 2^53 events.
 */
final class AmountFeaturesAggregator implements AggregateFunction<Event, double[], double[]> {
    @Override
    public double[] createAccumulator() {
        return new double[] {0, 0, Double.NaN};
    }

    @Override
    public double[] add(Event event, double[] accumulator) {
        double amount = event.numbers[StreamscoreEngine.AMOUNT.slot()];
        if (!Double.isNaN(amount)) {
            accumulator[0] += 1;
            accumulator[1] += amount;
            accumulator[2] = Double.isNaN(accumulator[2]) ? amount : Math.max(accumulator[2], amount);
        }
        return accumulator;
    }

    @Override
    public double[] getResult(double[] accumulator) {
        return accumulator;
    }

    @Override
    public double[] merge(double[] a, double[] b) {
        double max = Double.isNaN(a[2]) ? b[2] : Double.isNaN(b[2]) ? a[2] : Math.max(a[2], b[2]);
        return new double[] {a[0] + b[0], a[1] + b[1], max};
    }
}
