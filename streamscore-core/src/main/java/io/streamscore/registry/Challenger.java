package io.streamscore.registry;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

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

    /**
     * How {@code registry.json} is read. Registries written before shares were checked may hold a canary of share 0:
     * it decided for no key and only scored next to the champion, which is what a shadow does, so it is read as one
     * (and written back as one) rather than making the registry unreadable, to pipelines and to the command that
     * would fix it alike. Any other share outside (0, 1] was never accepted and is refused.
     */
    @JsonCreator
    static Challenger read(@JsonProperty("version") int version, @JsonProperty("mode") ChallengerMode mode,
                           @JsonProperty("share") double share) {
        return mode == ChallengerMode.CANARY && share == 0 ? new Challenger(version, ChallengerMode.SHADOW, 0)
                : new Challenger(version, mode, share);
    }

    @Override
    public String toString() {
        return mode == ChallengerMode.SHADOW ? version + " (shadow)" : version + " (canary, share " + share + ")";
    }
}
