package io.streamscore.generate;

/** The kind of fraud a generated record belongs to; the ground truth a model should learn to find. */
public enum FraudPattern {
    NONE,
    /** A burst of small payments on one card at many merchants within a minute or two. */
    CARD_TESTING,
    /** Payments from a new device in a new country for high amounts, often a few in a row. */
    ACCOUNT_TAKEOVER,
    /** Elevated payments from many users to a set of colluding merchants. */
    MERCHANT_RING,
    /** A click session by a bot: many clicks a minute, mostly failed logins. */
    BOT_SESSION
}
