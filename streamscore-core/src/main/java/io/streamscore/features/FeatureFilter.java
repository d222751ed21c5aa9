package io.streamscore.features;

import java.io.Serializable;

/**
 * Decides whether an event contributes to a feature, from the event's value slots (see
 * {@link io.streamscore.event.Event}). It must be a pure function of its arguments: the state evaluates it once, when
 * the event arrives, and the offline builder must get the same answer from the same event.
 *
 * <p>Serializable because the Flink operator ships its feature set to the task managers.
 */
@FunctionalInterface
public interface FeatureFilter extends Serializable {
    /** Accepts every event; its {@link #source()} is empty. */
    FeatureFilter ALL = AcceptAllFilter.INSTANCE;

    boolean test(double[] numbers, String[] strings);

    /**
     * The filter as written in a spec (a condition's text; empty for {@link #ALL}), recorded with checkpoints so a
     * changed filter restarts its feature's state ({@link FeatureStateMigration}); null for a filter written as code,
     * which cannot be compared.
     */
    default String source() {
        return null;
    }
}
