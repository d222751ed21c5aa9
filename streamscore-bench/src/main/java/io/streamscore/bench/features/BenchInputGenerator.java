package io.streamscore.bench.features;

import io.streamscore.event.Event;
import java.util.SplittableRandom;

/**
 * Deterministic transaction-like input: keys uniform over the key space, amounts uniform in [0, 1000) in cents, and
 * event time advancing by 0-4 ms per event (500 events/s of event time over all keys, so a 5-minute window of a
 * 10K-key space holds about 15 events per key). A share of events is out of order: their time lies 1 ms to the
 * disorder bound behind the newest time so far, so with a bounded-out-of-orderness watermark of that bound no event
 * is late. The key is also the event's one string field ({@code card}, slot 0), which the feature engine keys by.
 */
public final class BenchInputGenerator {
    /** Epoch ms of the first event, on the 5-minute grid so window boundaries read easily. */
    static final long START_TIME = 1_700_000_100_000L;
    static final double OUT_OF_ORDER_SHARE = 0.05;
    static final long OUT_OF_ORDER_BOUND_MILLIS = 5_000;
    static final String SCHEMA = "transaction";
    static final String SOURCE = "bench";

    private final long seed;

    public BenchInputGenerator(long seed) {
        this.seed = seed;
    }

    public BenchInput generate(int keys, int events) {
        SplittableRandom random = new SplittableRandom(seed ^ keys);
        String[] keyNames = new String[keys];
        for (int k = 0; k < keys; k++) {
            keyNames[k] = "card-" + k;
        }
        Event[] out = new Event[events];
        long clock = START_TIME;
        for (int i = 0; i < events; i++) {
            clock += random.nextInt(5);
            long time = random.nextDouble() < OUT_OF_ORDER_SHARE
                    ? clock - 1 - random.nextLong(OUT_OF_ORDER_BOUND_MILLIS) : clock;
            double amount = random.nextInt(100_000) / 100.0;
            String key = keyNames[random.nextInt(keys)];
            out[i] = new Event(SCHEMA, SOURCE, Integer.toString(i), key, time, 0L, new double[] {amount},
                    new String[] {key});
        }
        String description = String.format("%,d events over %,d keys drawn uniformly (seed %d); event time +0..4 ms per"
                + " event (~500 events/s, %.0f min span); %.0f%% out of order by 1..%d ms; amount uniform [0, 1000)",
                events, keys, seed, (clock - START_TIME) / 60_000.0, OUT_OF_ORDER_SHARE * 100,
                OUT_OF_ORDER_BOUND_MILLIS);
        return new BenchInput(keys, out, OUT_OF_ORDER_BOUND_MILLIS, description);
    }
}
