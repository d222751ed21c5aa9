package io.streamscore.generate;

import io.streamscore.event.Event;
import io.streamscore.event.EventSchema;
import java.util.SplittableRandom;

/**
 * Builds the transaction events of ordinary users and of each fraud pattern, on the built-in {@code transaction}
 * schema. The contrast a model should find lives here: ordinary payments stay at favourite merchants, on known
 * devices, at home, around the user's usual amount; fraud breaks those habits in the pattern's own way.
 */
final class TransactionFactory {
    private static final double FAVOURITE_MERCHANT_SHARE = 0.75;
    private static final double MAIN_CARD_SHARE = 0.7;
    private static final double MAIN_DEVICE_SHARE = 0.85;
    private static final double TRAVEL_SHARE = 0.02;
    private static final double AMOUNT_LOG_SIGMA = 0.7;
    private static final double MIN_AMOUNT = 0.5;
    private static final double CARD_TEST_MAX_AMOUNT = 5.0;
    private static final double TAKEOVER_MIN_MULTIPLE = 5;
    private static final double TAKEOVER_MAX_MULTIPLE = 20;
    private static final double RING_MIN_MULTIPLE = 3;
    private static final double RING_MAX_MULTIPLE = 8;

    private final EventSchema schema;
    private final MerchantCatalog merchants;
    private final int eventId;
    private final int userId;
    private final int cardId;
    private final int merchantId;
    private final int category;
    private final int amount;
    private final int currency;
    private final int country;
    private final int deviceId;
    private final int ip;
    private final int eventTime;

    private final GeneratorConfig config;

    TransactionFactory(EventSchema schema, MerchantCatalog merchants, GeneratorConfig config) {
        this.schema = schema;
        this.config = config;
        this.merchants = merchants;
        this.eventId = schema.require("event_id").slot();
        this.userId = schema.require("user_id").slot();
        this.cardId = schema.require("card_id").slot();
        this.merchantId = schema.require("merchant_id").slot();
        this.category = schema.require("merchant_category").slot();
        this.amount = schema.require("amount").slot();
        this.currency = schema.require("currency").slot();
        this.country = schema.require("country").slot();
        this.deviceId = schema.require("device_id").slot();
        this.ip = schema.require("ip").slot();
        this.eventTime = schema.require("event_time").slot();
    }

    /** A payment as the user makes them every day, sometimes while travelling. */
    Event ordinary(String id, SimulatedUser user, long time, SplittableRandom random) {
        int merchant = random.nextDouble() < FAVOURITE_MERCHANT_SHARE
                ? user.favouriteMerchants[random.nextInt(user.favouriteMerchants.length)]
                : merchants.pickByPopularity(random);
        // The shift multiplies after the draw, so a shifted run draws the same random numbers as an unshifted one.
        double factor = config.amountFactorAt(time);
        double value = usualAmount(user, merchant, random);
        return habitual(id, user, merchant, factor == 1.0 ? value : cents(value * factor), time, random);
    }

    /** A colluding merchant charging an ordinary user several times the usual amount. */
    Event ringPayment(String id, SimulatedUser user, long time, SplittableRandom random) {
        int merchant = merchants.pickRingMember(random);
        double multiple = RING_MIN_MULTIPLE + random.nextDouble() * (RING_MAX_MULTIPLE - RING_MIN_MULTIPLE);
        return habitual(id, user, merchant, cents(usualAmount(user, merchant, random) * multiple), time, random);
    }

    /** The next payment of a card-testing or account-takeover burst. */
    Event fraudulent(String id, FraudBurst burst, long time, SplittableRandom random) {
        int merchant;
        double value;
        if (burst.pattern == FraudPattern.CARD_TESTING) {
            merchant = merchants.pickUniformly(random);
            value = cents(MIN_AMOUNT + random.nextDouble() * (CARD_TEST_MAX_AMOUNT - MIN_AMOUNT));
        } else {
            merchant = merchants.pickByPopularity(random);
            double multiple = TAKEOVER_MIN_MULTIPLE
                    + random.nextDouble() * (TAKEOVER_MAX_MULTIPLE - TAKEOVER_MIN_MULTIPLE);
            value = cents(burst.victim.medianAmount * multiple);
        }
        return build(id, burst.victim, burst.card, merchant, value, burst.originCountry(), burst.device,
                HomeCountry.fraudOriginIp(burst.origin, random), time);
    }

    /** Moves an event's time, as delivery delays do; the identity copy and the value slot stay in step. */
    void retime(Event transaction, long time) {
        transaction.eventTime = time;
        transaction.numbers[eventTime] = time;
    }

    private Event habitual(String id, SimulatedUser user, int merchant, double value, long time,
                           SplittableRandom random) {
        String card = random.nextDouble() < MAIN_CARD_SHARE ? user.cards[0]
                : user.cards[random.nextInt(user.cards.length)];
        String device = random.nextDouble() < MAIN_DEVICE_SHARE ? user.devices[0]
                : user.devices[random.nextInt(user.devices.length)];
        boolean travelling = random.nextDouble() < TRAVEL_SHARE;
        HomeCountry where = travelling ? user.country.travelDestination(random) : user.country;
        String address = travelling ? where.ipPrefix(random) + random.nextInt(1, 255)
                : user.ipPrefix + random.nextInt(1, 255);
        return build(id, user, card, merchant, value, where.code(), device, address, time);
    }

    private double usualAmount(SimulatedUser user, int merchant, SplittableRandom random) {
        double median = user.medianAmount * merchants.category(merchant).spendFactor() * merchants.priceLevel(merchant);
        return cents(Math.max(MIN_AMOUNT, median * Math.exp(AMOUNT_LOG_SIGMA * random.nextGaussian())));
    }

    private Event build(String id, SimulatedUser user, String card, int merchant, double value, String where,
                        String device, String address, long time) {
        String[] strings = schema.newStrings();
        double[] numbers = schema.newNumbers();
        strings[eventId] = id;
        strings[userId] = user.id;
        strings[cardId] = card;
        strings[merchantId] = merchants.id(merchant);
        strings[category] = merchants.category(merchant).code();
        strings[currency] = user.country.currency();
        strings[country] = where;
        strings[deviceId] = device;
        strings[ip] = address;
        numbers[amount] = value;
        numbers[eventTime] = time;
        return new Event(schema.name(), GeneratedStream.TRANSACTIONS.defaultTopic(), id, user.id, time, 0L,
                numbers, strings);
    }

    private static double cents(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
