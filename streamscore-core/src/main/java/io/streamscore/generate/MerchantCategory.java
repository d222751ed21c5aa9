package io.streamscore.generate;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * What merchants sell: the category code written into transactions, how common such merchants are, and how much a
 * typical basket costs relative to a user's usual spend.
 */
enum MerchantCategory {
    GROCERY(20, 1.0),
    RESTAURANTS(20, 0.9),
    FUEL(10, 1.2),
    PHARMACY(6, 0.7),
    FASHION(10, 2.0),
    ELECTRONICS(6, 4.0),
    TRAVEL(4, 6.0),
    DIGITAL_GOODS(10, 0.5),
    ENTERTAINMENT(8, 1.0),
    HOME(6, 2.5);

    private static final WeightedChoice<MerchantCategory> BY_WEIGHT = new WeightedChoice<>(values(), c -> c.weight);

    private final int weight;
    private final double spendFactor;
    private final String code;

    MerchantCategory(int weight, double spendFactor) {
        this.weight = weight;
        this.spendFactor = spendFactor;
        this.code = name().toLowerCase(Locale.ROOT);
    }

    String code() {
        return code;
    }

    double spendFactor() {
        return spendFactor;
    }

    static MerchantCategory pick(SplittableRandom random) {
        return BY_WEIGHT.pick(random);
    }
}
