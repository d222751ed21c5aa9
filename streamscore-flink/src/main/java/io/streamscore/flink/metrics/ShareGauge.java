package io.streamscore.flink.metrics;

import org.apache.flink.metrics.Gauge;

/**
 * The share of counted events that were in a part (e.g. decided by a canary), in [0, 1], NaN before the first
 * event. Across subtasks the reporter exports the share of the sums (every part over every whole), not one subtask's
 * share. Written by the operator's thread only; read by the reporter's.
 */
public final class ShareGauge implements Gauge<Double> {
    private volatile long part;
    private volatile long whole;

    /** Counts one event, in the part or not. */
    public void count(boolean inPart) {
        whole++;
        if (inPart) {
            part++;
        }
    }

    /** Starts counting afresh (e.g. when a new serving plan takes effect). */
    public void reset() {
        whole = 0;
        part = 0;
    }

    long part() {
        return part;
    }

    long whole() {
        return whole;
    }

    @Override
    public Double getValue() {
        long total = whole;
        return total == 0 ? Double.NaN : Math.min(1.0, (double) part / total);
    }
}
