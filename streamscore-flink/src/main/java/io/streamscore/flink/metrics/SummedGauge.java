package io.streamscore.flink.metrics;

import org.apache.flink.metrics.Gauge;

/**
 * A count kept as a gauge (a running total a component owns, e.g. remote scoring's fallbacks): the reporter adds the
 * subtasks' values up, where it takes the largest for other gauges (the worst lag, the highest PSI).
 */
@FunctionalInterface
public interface SummedGauge<T extends Number> extends Gauge<T> {}
