package io.streamscore.features;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Recomputes every feature value from the full list of arrived events, straight from the documented semantics of
 * {@link KeyedWindowState}: window {@code [floor((t - w + 1) / g) * g, t]}, only events that arrived so far, ties by
 * arrival. No tiles, no horizon, no cleverness: the reference the state must match.
 */
final class BruteForceFeatureOracle {

    /** One arrived event, with its arrival number. */
    record ArrivedEvent(long time, long arrival, double[] numbers, String[] strings) {}

    /** The expected answer of one feature: value, saturation, last_n list and the exact distinct count. */
    record Expected(double value, boolean saturated, double[] lastValues, long exactDistinct) {}

    private final FeatureSet features;
    private final List<ArrivedEvent> arrived = new ArrayList<>();

    BruteForceFeatureOracle(FeatureSet features) {
        this.features = features;
    }

    /** Records the event as arrived and answers it. */
    List<Expected> update(long time, double[] numbers, String[] strings) {
        arrived.add(new ArrivedEvent(time, arrived.size(), numbers, strings));
        List<Expected> answers = new ArrayList<>();
        for (int f = 0; f < features.size(); f++) {
            answers.add(answer(features.definition(f), time));
        }
        return answers;
    }

    private Expected answer(FeatureDefinition d, long time) {
        long g = d.tileMillis();
        long start = Math.floorDiv(time - d.windowMillis() + 1, g) * g;
        List<ArrivedEvent> window = new ArrayList<>();
        for (ArrivedEvent e : arrived) {
            if (e.time() >= start && e.time() <= time && d.filter().test(e.numbers(), e.strings())
                    && value(d, e) != null) {
                window.add(e);
            }
        }
        window.sort(Comparator.comparingLong(ArrivedEvent::time).thenComparingLong(ArrivedEvent::arrival));
        return switch (d.aggregation()) {
            case DISTINCT_COUNT, APPROX_DISTINCT -> distinct(d, window);
            case LAST_N -> lastN(d, window);
            default -> new Expected(scalar(d, window), false, new double[0], 0);
        };
    }

    private static Object value(FeatureDefinition d, ArrivedEvent e) {
        if (d.field() == null) {
            return Boolean.TRUE;
        }
        if (!d.field().type().isNumeric()) {
            return e.strings()[d.field().slot()];
        }
        double x = e.numbers()[d.field().slot()];
        return Double.isNaN(x) ? null : x;
    }

    private static double scalar(FeatureDefinition d, List<ArrivedEvent> window) {
        int n = window.size();
        double[] xs = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = d.field() == null ? 1 : window.get(i).numbers()[d.field().slot()];
        }
        double sum = 0;
        double min = Double.NaN;
        double max = Double.NaN;
        for (double x : xs) {
            sum += x;
            min = Double.isNaN(min) || x < min ? x : min;
            max = Double.isNaN(max) || x > max ? x : max;
        }
        double mean = sum / n;
        double squares = 0;
        for (double x : xs) {
            squares += (x - mean) * (x - mean);
        }
        return switch (d.aggregation()) {
            case COUNT -> n;
            case SUM -> sum;
            case AVG -> n == 0 ? Double.NaN : mean;
            case MIN -> min;
            case MAX -> max;
            case VARIANCE -> n == 0 ? Double.NaN : squares / n;
            case STDDEV -> n == 0 ? Double.NaN : Math.sqrt(squares / n);
            case FIRST -> n == 0 ? Double.NaN : xs[0];
            case LAST -> n == 0 ? Double.NaN : xs[n - 1];
            default -> throw new IllegalArgumentException(d.aggregation().toString());
        };
    }

    private static Expected distinct(FeatureDefinition d, List<ArrivedEvent> window) {
        Set<Object> values = new HashSet<>();
        for (ArrivedEvent e : window) {
            values.add(value(d, e));
        }
        long exact = values.size();
        int cap = d.aggregation() == Aggregation.DISTINCT_COUNT ? d.distinctCap() : Integer.MAX_VALUE;
        return new Expected(Math.min(exact, cap), exact > cap, new double[0], exact);
    }

    private static Expected lastN(FeatureDefinition d, List<ArrivedEvent> window) {
        int count = Math.min(d.lastN(), window.size());
        double[] newestFirst = new double[count];
        for (int i = 0; i < count; i++) {
            newestFirst[i] = window.get(window.size() - 1 - i).numbers()[d.field().slot()];
        }
        return new Expected(count == 0 ? Double.NaN : newestFirst[0], false, newestFirst, 0);
    }
}
