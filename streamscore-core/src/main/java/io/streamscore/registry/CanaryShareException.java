package io.streamscore.registry;

/**
 * A canary share outside (0, 1]. A canary decides for that fraction of the keys: at 0 (or NaN, or below) it would
 * decide for none, so its guard would never gather evidence and it would neither be judged nor promoted on merit;
 * above 1 there are no keys left to take. At 1 it decides for every key, while the champion still scores each
 * event next to it for the guard: a full canary, not a promotion. Its own type so that a pipeline can tell a control
 * message carrying such a share (a model change it refuses, {@code model_refused}) from one it cannot read at all.
 */
public final class CanaryShareException extends IllegalArgumentException {
    /** The valid range, as messages and documentation write it. */
    public static final String RANGE = "(0, 1]";

    private CanaryShareException(String message) {
        super(message);
    }

    /**
     * @param what how the share was given, for the message: {@code share} for a field, {@code --share} for the flag
     * @throws CanaryShareException when {@code share} is not in (0, 1]
     */
    public static void check(double share, String what) {
        if (!(share > 0 && share <= 1)) {
            throw new CanaryShareException(what + ": " + share + " is outside " + RANGE + ": a canary decides for "
                    + "that fraction of the keys, so it needs some keys and cannot take more than all of them (1 = "
                    + "every key, still judged by its guard); e.g. 0.1");
        }
    }

    /** True when {@code error} or one of its causes is a share refused by {@link #check}. */
    public static boolean causes(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof CanaryShareException) {
                return true;
            }
        }
        return false;
    }
}
