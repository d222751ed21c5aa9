package io.streamscore.registry;

/**
 * A model version running next to the champion. {@code share} is the fraction of keys (in (0, 1],
 * {@link CanaryShareException}) whose decisions a canary makes; a shadow takes no share (0), since its scores are
 * never acted on.
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
        if (mode == ChallengerMode.CANARY) {
            CanaryShareException.check(share, "share");
        }
    }

    @Override
    public String toString() {
        return mode == ChallengerMode.SHADOW ? version + " (shadow)" : version + " (canary, share " + share + ")";
    }
}
