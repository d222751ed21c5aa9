package io.streamscore.generate;

/**
 * One simulated card holder and the habits a fraud model learns: a home country and currency, a few cards and
 * devices, a home IP range, a typical spend, favourite merchants, and the profile row the CDC stream carries.
 * Immutable; built by {@link UserDirectory}.
 */
final class SimulatedUser {
    final int index;
    final String id;
    final HomeCountry country;
    /** Null when the user never gave one (the profile field is nullable). */
    final String homeCity;
    final String[] cards;
    final String[] devices;
    final String ipPrefix;
    /** Median amount of an ordinary payment; amounts are log-normal around it. */
    final double medianAmount;
    final int[] favouriteMerchants;
    final long accountCreated;

    SimulatedUser(int index, String id, HomeCountry country, String homeCity, String[] cards, String[] devices,
                  String ipPrefix, double medianAmount, int[] favouriteMerchants, long accountCreated) {
        this.index = index;
        this.id = id;
        this.country = country;
        this.homeCity = homeCity;
        this.cards = cards;
        this.devices = devices;
        this.ipPrefix = ipPrefix;
        this.medianAmount = medianAmount;
        this.favouriteMerchants = favouriteMerchants;
        this.accountCreated = accountCreated;
    }
}
