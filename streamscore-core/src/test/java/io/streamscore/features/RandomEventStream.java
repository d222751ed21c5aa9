package io.streamscore.features;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded stream of one key's events with the awkward parts of real streams: bursts, duplicate timestamps, gaps from
 * milliseconds to days, and events out of order within the horizon. The horizon of each step is what a Flink
 * operator would pass: watermark (latest time seen minus out-of-orderness) minus allowed lateness.
 *
 * <p>Values: {@code numbers[0]} an integer amount in [-50, 50] or missing (so sums are exact in any order),
 * {@code numbers[1]} a 0/1 flag; {@code strings[0]} one of 12 merchants or missing, {@code strings[1]} a device out of
 * {@code devices}.
 */
final class RandomEventStream {

    /** One call to {@link KeyedWindowState#update}. */
    record Step(long time, double[] numbers, String[] strings, long horizon) {}

    private final Random random;
    private final long outOfOrderness;
    private final long lateness;
    private final double disorder;
    private final int devices;

    RandomEventStream(long seed, long outOfOrderness, long lateness, double disorder, int devices) {
        this.random = new Random(seed);
        this.outOfOrderness = outOfOrderness;
        this.lateness = lateness;
        this.disorder = disorder;
        this.devices = devices;
    }

    List<Step> steps(int count, long startTime) {
        List<Step> steps = new ArrayList<>();
        long latest = startTime;
        long previous = startTime;
        for (int i = 0; i < count; i++) {
            long horizon = latest - outOfOrderness - lateness;
            long time;
            double roll = random.nextDouble();
            if (roll < 0.1) {
                time = previous;
            } else if (roll < 0.1 + disorder) {
                time = latest - (long) (random.nextDouble() * (latest - horizon - 1));
            } else {
                time = latest + gap();
            }
            time = Math.max(time, horizon + 1);
            steps.add(new Step(time, numbers(), strings(), horizon));
            latest = Math.max(latest, time);
            previous = time;
        }
        return steps;
    }

    private long gap() {
        double roll = random.nextDouble();
        if (roll < 0.70) {
            return random.nextInt(2_000);
        }
        if (roll < 0.90) {
            return random.nextInt(60_000);
        }
        if (roll < 0.98) {
            return random.nextInt(2 * 3_600_000);
        }
        return (long) (random.nextDouble() * 3 * 86_400_000L);
    }

    private double[] numbers() {
        double amount = random.nextDouble() < 0.1 ? Double.NaN : random.nextInt(101) - 50;
        return new double[] {amount, random.nextBoolean() ? 1 : 0};
    }

    private String[] strings() {
        String merchant = random.nextDouble() < 0.1 ? null : "m" + random.nextInt(12);
        return new String[] {merchant, "d" + random.nextInt(devices)};
    }
}
