package io.streamscore.generate;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Where simulated users live: the country code, the card currency, a few cities and the first octet of the
 * country's IP addresses. Weights are rough shares of the user base. Fraud comes from {@link #FRAUD_ORIGINS}, which
 * no user calls home, so "a payment from a country the user never paid from" is a learnable signal.
 */
enum HomeCountry {
    US("USD", 30, 73, "New York", "Chicago", "Austin"),
    GB("GBP", 10, 81, "London", "Manchester", "Leeds"),
    DE("EUR", 10, 91, "Berlin", "Munich", "Hamburg"),
    FR("EUR", 9, 90, "Paris", "Lyon", "Lille"),
    ES("EUR", 7, 88, "Madrid", "Barcelona", "Valencia"),
    IT("EUR", 7, 93, "Rome", "Milan", "Turin"),
    NL("EUR", 5, 84, "Amsterdam", "Utrecht", "Rotterdam"),
    IE("EUR", 3, 86, "Dublin", "Cork", "Galway"),
    CA("CAD", 8, 99, "Toronto", "Montreal", "Vancouver"),
    AU("AUD", 6, 101, "Sydney", "Melbourne", "Perth"),
    NZ("NZD", 2, 103, "Auckland", "Wellington", "Christchurch"),
    CH("CHF", 3, 85, "Zurich", "Geneva", "Basel");

    /** Countries fraudsters operate from, with the first octet of their addresses; none is a home country. */
    static final List<String> FRAUD_ORIGINS = List.of("NG", "RO", "UA", "VN", "ID", "BR", "PH", "RU");
    private static final int[] FRAUD_ORIGIN_OCTETS = {41, 5, 46, 14, 36, 177, 112, 95};
    private static final HomeCountry[] VALUES = values();
    private static final WeightedChoice<HomeCountry> BY_WEIGHT = new WeightedChoice<>(VALUES, c -> c.weight);

    private final String currency;
    private final int weight;
    private final int firstOctet;
    private final List<String> cities;

    HomeCountry(String currency, int weight, int firstOctet, String... cities) {
        this.currency = currency;
        this.weight = weight;
        this.firstOctet = firstOctet;
        this.cities = List.of(cities);
    }

    String code() {
        return name();
    }

    String currency() {
        return currency;
    }

    List<String> cities() {
        return cities;
    }

    /** A /24 prefix in this country, e.g. {@code 73.12.201.}; append the last octet. */
    String ipPrefix(SplittableRandom random) {
        return firstOctet + "." + random.nextInt(1, 255) + "." + random.nextInt(1, 255) + ".";
    }

    static HomeCountry pick(SplittableRandom random) {
        return BY_WEIGHT.pick(random);
    }

    /** Another home country than this one, for a user's occasional trip abroad. */
    HomeCountry travelDestination(SplittableRandom random) {
        HomeCountry other = VALUES[random.nextInt(VALUES.length - 1)];
        return other.ordinal() >= ordinal() ? VALUES[other.ordinal() + 1] : other;
    }

    /** Index into {@link #FRAUD_ORIGINS} of a random fraud origin. */
    static int pickFraudOrigin(SplittableRandom random) {
        return random.nextInt(FRAUD_ORIGINS.size());
    }

    static String fraudOriginIp(int origin, SplittableRandom random) {
        return FRAUD_ORIGIN_OCTETS[origin] + "." + random.nextInt(1, 255) + "." + random.nextInt(1, 255) + "."
                + random.nextInt(1, 255);
    }
}
