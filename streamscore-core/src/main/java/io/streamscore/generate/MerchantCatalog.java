package io.streamscore.generate;

import java.util.SplittableRandom;

/**
 * The simulated merchants: ids, categories, a price level each, and popularity (a Zipf law, so a few big merchants
 * see much of the traffic). A small set of them form the fraud ring; those also keep their ordinary customers, so
 * the merchant alone does not give the fraud away, the elevated amounts there do.
 */
final class MerchantCatalog {
    /** Below this there are too few merchants to hide a ring among them. */
    static final int MIN_MERCHANTS = 10;
    private static final double POPULARITY_EXPONENT = 0.9;
    private static final int MERCHANTS_PER_RING_MEMBER = 200;
    private static final int MIN_RING_SIZE = 3;
    private static final double PRICE_LEVEL_SIGMA = 0.3;

    private final String[] ids;
    private final MerchantCategory[] categories;
    private final double[] priceLevels;
    private final int[] ring;
    private final ZipfSampler popularity;

    MerchantCatalog(int count, SplittableRandom random) {
        ids = new String[count];
        categories = new MerchantCategory[count];
        priceLevels = new double[count];
        for (int i = 0; i < count; i++) {
            ids[i] = "m-" + (100_000 + i);
            categories[i] = MerchantCategory.pick(random);
            priceLevels[i] = Math.exp(PRICE_LEVEL_SIGMA * random.nextGaussian());
        }
        ring = new int[Math.max(MIN_RING_SIZE, count / MERCHANTS_PER_RING_MEMBER)];
        for (int i = 0; i < ring.length; i++) {
            // Ring members come from the long tail: a colluding merchant is rarely a household name.
            ring[i] = count / 2 + random.nextInt(count - count / 2);
        }
        popularity = new ZipfSampler(count, POPULARITY_EXPONENT);
    }

    int size() {
        return ids.length;
    }

    /** A merchant index drawn by popularity. */
    int pickByPopularity(SplittableRandom random) {
        return popularity.sample(random) - 1;
    }

    /** A merchant index drawn uniformly, as a card tester who tries wherever a payment page lets them. */
    int pickUniformly(SplittableRandom random) {
        return random.nextInt(ids.length);
    }

    int pickRingMember(SplittableRandom random) {
        return ring[random.nextInt(ring.length)];
    }

    String id(int merchant) {
        return ids[merchant];
    }

    MerchantCategory category(int merchant) {
        return categories[merchant];
    }

    double priceLevel(int merchant) {
        return priceLevels[merchant];
    }
}
