package io.streamscore.generate;

import java.util.SplittableRandom;

/**
 * The simulated users, created lazily on first use. Each user's attributes come from a random stream seeded by the
 * generator seed and the user's index alone, so a user is the same whichever order users are first met in, and a
 * million users cost nothing until they transact. Popularity is Zipf: user index 0 is the busiest.
 */
final class UserDirectory {
    private static final long INDEX_MIX = 0x9E3779B97F4A7C15L;
    private static final double MEDIAN_SPEND_LOG_MEAN = Math.log(30);
    private static final double MEDIAN_SPEND_LOG_SIGMA = 0.6;
    private static final int FAVOURITES = 6;
    private static final double NO_CITY_SHARE = 0.1;
    private static final long MAX_ACCOUNT_AGE_MS = 5L * 365 * 24 * 3600 * 1000;

    private final long seed;
    private final long startTime;
    private final MerchantCatalog merchants;
    private final ZipfSampler popularity;
    private final SimulatedUser[] users;

    UserDirectory(int count, double zipfExponent, long seed, long startTime, MerchantCatalog merchants) {
        this.seed = seed;
        this.startTime = startTime;
        this.merchants = merchants;
        this.popularity = new ZipfSampler(count, zipfExponent);
        this.users = new SimulatedUser[count];
    }

    int size() {
        return users.length;
    }

    /** A user drawn by popularity. */
    SimulatedUser pickByPopularity(SplittableRandom random) {
        return user(popularity.sample(random) - 1);
    }

    /** A user drawn uniformly: fraudsters pick victims from leaked card lists, not by how busy they are. */
    SimulatedUser pickUniformly(SplittableRandom random) {
        return user(random.nextInt(users.length));
    }

    SimulatedUser user(int index) {
        SimulatedUser user = users[index];
        if (user == null) {
            user = create(index);
            users[index] = user;
        }
        return user;
    }

    private SimulatedUser create(int index) {
        SplittableRandom random = new SplittableRandom(mix(seed ^ mix(index + INDEX_MIX)));
        HomeCountry country = HomeCountry.pick(random);
        String city = random.nextDouble() < NO_CITY_SHARE ? null
                : country.cities().get(random.nextInt(country.cities().size()));
        String[] cards = ids("c-", 1 + random.nextInt(3), random);
        String[] devices = ids("d-", 1 + random.nextInt(2), random);
        double median = Math.exp(MEDIAN_SPEND_LOG_MEAN + MEDIAN_SPEND_LOG_SIGMA * random.nextGaussian());
        int[] favourites = new int[FAVOURITES];
        for (int i = 0; i < favourites.length; i++) {
            favourites[i] = merchants.pickByPopularity(random);
        }
        long created = startTime - 1 - random.nextLong(MAX_ACCOUNT_AGE_MS);
        return new SimulatedUser(index, "u-" + (100_000 + index), country, city, cards, devices,
                country.ipPrefix(random), median, favourites, created);
    }

    /**
     * A 64-bit finalizer (Stafford's variant 13 of MurmurHash3's). Seeding each user's stream with a plain
     * {@code seed + index * gamma} would make neighbouring users' streams overlap, and so share card ids.
     */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Random hex ids with a prefix, e.g. {@code c-3f9a1c07d2e4}: stable per user, unguessable across seeds. */
    static String[] ids(String prefix, int count, SplittableRandom random) {
        String[] ids = new String[count];
        for (int i = 0; i < count; i++) {
            ids[i] = newId(prefix, random);
        }
        return ids;
    }

    static String newId(String prefix, SplittableRandom random) {
        return prefix + Long.toHexString(random.nextLong() >>> 16);
    }
}
