package io.streamscore.bench.features;

/** One result of the DataStream sliding-window baseline: the 4 features of one key over {@code [end - 5 min, end)}. */
public class WindowFeatures {
    public String key;
    public long windowEnd;
    public long count;
    public double sum;
    public double avg;
    public double max;

    /** For Flink's POJO serializer. */
    public WindowFeatures() {}

    WindowFeatures(String key, long windowEnd, double[] accumulator) {
        this.key = key;
        this.windowEnd = windowEnd;
        this.count = (long) accumulator[0];
        this.sum = accumulator[1];
        this.avg = accumulator[0] == 0 ? Double.NaN : accumulator[1] / accumulator[0];
        this.max = accumulator[2];
    }
}
