package io.streamscore.registry;

/**
 * A model version running next to the champion. {@code share} is the fraction of events (0 to 1) whose decision a
 * canary makes; a shadow takes no share (0), since its scores are never acted on.
 */
public record Challenger(int version, ChallengerMode mode, double share) {
    public Challenger {
        if (version < 1) {
            throw new IllegalArgumentException("version: " + version + " is not a positive integer");
        }
        if (mode == null) {
            throw new IllegalArgumentException("mode: required, shadow or canary");
        }
        if (mode == ChallengerMode.SHADOW && share != 0) {
            throw new IllegalArgumentException("share: a shadow takes no share of the decisions (it scores every "
                    + "event on the side); leave the share out or use mode canary");
        }
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("share: " + share + " is not a fraction between 0 and 1, e.g. 0.1");
        }
    }

    @Override
    public String toString() {
        return mode == ChallengerMode.SHADOW ? version + " (shadow)" : version + " (canary, share " + share + ")";
    }
}
