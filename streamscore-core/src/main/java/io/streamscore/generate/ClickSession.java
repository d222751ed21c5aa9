package io.streamscore.generate;

import java.util.SplittableRandom;

/**
 * One web session in progress: whose it is, whether a bot drives it, and what it does next. People browse a handful
 * of pages seconds apart, sometimes add to a cart and check out; bots fire one to three clicks a second, mostly failed
 * logins (credential stuffing), for a long stretch.
 */
final class ClickSession extends PendingActivity {
    static final int HUMAN_MIN_CLICKS = 3;
    static final int HUMAN_MAX_CLICKS = 15;
    static final double HUMAN_MEAN_GAP_MS = 8_000;
    static final int BOT_MIN_CLICKS = 30;
    static final int BOT_MAX_CLICKS = 120;
    static final long BOT_MIN_GAP_MS = 300;
    static final long BOT_MAX_GAP_MS = 1_000;
    private static final double HUMAN_LOGIN_SHARE = 0.4;
    private static final double HUMAN_LOGIN_FAILED_SHARE = 0.05;
    private static final double BOT_LOGIN_FAILED_SHARE = 0.75;
    private static final double BOT_LOGIN_SHARE = 0.05;
    private static final double CHECKOUT_SHARE = 0.6;

    final SimulatedUser user;
    final String sessionId;
    final boolean bot;
    private int remaining;
    private boolean started;
    private int cartItems;

    ClickSession(long order, long start, SimulatedUser user, String sessionId, boolean bot, SplittableRandom random) {
        super(order, start);
        this.user = user;
        this.sessionId = sessionId;
        this.bot = bot;
        this.remaining = bot ? random.nextInt(BOT_MIN_CLICKS, BOT_MAX_CLICKS + 1)
                : random.nextInt(HUMAN_MIN_CLICKS, HUMAN_MAX_CLICKS + 1);
    }

    /** Mean clicks per session, to turn clicks per transaction into a session start rate. */
    static double meanClicks(double botShare) {
        return (1 - botShare) * (HUMAN_MIN_CLICKS + HUMAN_MAX_CLICKS) / 2.0
                + botShare * (BOT_MIN_CLICKS + BOT_MAX_CLICKS) / 2.0;
    }

    /** The action of the click due now. */
    ClickAction nextAction(SplittableRandom random) {
        double u = random.nextDouble();
        if (bot) {
            return u < BOT_LOGIN_FAILED_SHARE ? ClickAction.LOGIN_FAILED
                    : u < BOT_LOGIN_FAILED_SHARE + BOT_LOGIN_SHARE ? ClickAction.LOGIN : ClickAction.VIEW;
        }
        if (!started) {
            started = true;
            if (u < HUMAN_LOGIN_FAILED_SHARE) {
                return ClickAction.LOGIN_FAILED;
            }
            return u < HUMAN_LOGIN_SHARE ? ClickAction.LOGIN : ClickAction.VIEW;
        }
        if (remaining == 1 && cartItems > 0 && u < CHECKOUT_SHARE) {
            return ClickAction.CHECKOUT;
        }
        ClickAction action = u < 0.55 ? ClickAction.VIEW : u < 0.85 ? ClickAction.SEARCH : ClickAction.ADD_TO_CART;
        if (action == ClickAction.ADD_TO_CART) {
            cartItems++;
        }
        return action;
    }

    /** Counts one click off; true while more are to come, after which the session has been postponed. */
    boolean advance(SplittableRandom random) {
        remaining--;
        if (remaining <= 0) {
            return false;
        }
        long gap = bot ? random.nextLong(BOT_MIN_GAP_MS, BOT_MAX_GAP_MS + 1)
                : 1 + (long) (-Math.log(1 - random.nextDouble()) * HUMAN_MEAN_GAP_MS);
        postpone(due() + gap);
        return true;
    }
}
