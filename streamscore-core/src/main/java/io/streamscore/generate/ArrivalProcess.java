package io.streamscore.generate;

import java.util.SplittableRandom;

/**
 * When the next unprompted thing happens, and what it is: the superposition of independent Poisson processes, one
 * per {@link Arrival} type, drawn as one exponential gap at the total rate and a type chosen in proportion to the
 * rates. Rates are per millisecond of simulated time; the clock is fractional so high rates do not round to zero.
 */
final class ArrivalProcess {

    /** Things that start by themselves rather than being scheduled by an earlier record. */
    enum Arrival { ORDINARY_PAYMENT, CARD_TESTING, ACCOUNT_TAKEOVER, MERCHANT_RING, CLICK_SESSION }

    private static final Arrival[] ARRIVALS = Arrival.values();

    private final double[] cumulativeRates;
    private final double totalRate;
    private double nextTime;

    /**
     * @param ratesPerMs the rate of each {@link Arrival}, in declaration order; zero turns one off
     * @param start the simulated time arrivals start at
     */
    ArrivalProcess(double[] ratesPerMs, double start, SplittableRandom random) {
        if (ratesPerMs.length != ARRIVALS.length) {
            throw new IllegalArgumentException("need one rate per arrival type " + java.util.List.of(ARRIVALS));
        }
        cumulativeRates = new double[ratesPerMs.length];
        double sum = 0;
        for (int i = 0; i < ratesPerMs.length; i++) {
            sum += ratesPerMs[i];
            cumulativeRates[i] = sum;
        }
        totalRate = sum;
        nextTime = start + gap(random);
    }

    /** Simulated time of the next arrival, fractional milliseconds. */
    double nextTime() {
        return nextTime;
    }

    /** The type of the arrival at {@link #nextTime()}; moves on to the one after. */
    Arrival take(SplittableRandom random) {
        double ticket = random.nextDouble() * totalRate;
        Arrival arrival = ARRIVALS[ARRIVALS.length - 1];
        for (int i = 0; i < cumulativeRates.length; i++) {
            if (ticket < cumulativeRates[i]) {
                arrival = ARRIVALS[i];
                break;
            }
        }
        nextTime += gap(random);
        return arrival;
    }

    private double gap(SplittableRandom random) {
        return -Math.log(1 - random.nextDouble()) / totalRate;
    }
}
