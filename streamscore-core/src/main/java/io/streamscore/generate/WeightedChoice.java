package io.streamscore.generate;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToIntFunction;

/** Picks one of a few options with probability proportional to an integer weight each. Immutable. */
final class WeightedChoice<T> {
    private final List<T> options;
    private final int[] cumulative;

    WeightedChoice(T[] options, ToIntFunction<T> weight) {
        this.options = List.of(options);
        this.cumulative = new int[options.length];
        int sum = 0;
        for (int i = 0; i < options.length; i++) {
            sum += weight.applyAsInt(options[i]);
            cumulative[i] = sum;
        }
        if (sum <= 0) {
            throw new IllegalArgumentException("weights must add up to more than 0: " + this.options);
        }
    }

    T pick(SplittableRandom random) {
        int ticket = random.nextInt(cumulative[cumulative.length - 1]);
        int i = 0;
        while (ticket >= cumulative[i]) {
            i++;
        }
        return options.get(i);
    }
}
