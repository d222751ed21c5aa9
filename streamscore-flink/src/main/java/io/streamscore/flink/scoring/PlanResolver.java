package io.streamscore.flink.scoring;

import io.streamscore.registry.Challenger;
import io.streamscore.registry.ModelRegistry;
import io.streamscore.registry.RolloutState;
import io.streamscore.scoring.ModelLoadException;
import io.streamscore.scoring.ModelLoader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the registry's rollout state into the plan that may serve: every version the plan did not serve yet must
 * load and pass its self-check first. A refused champion leaves the current champion in place; a refused
 * challenger is left out. Each refusal is reported with its reason.
 */
final class PlanResolver {
    private final ModelRegistry registry;
    private final ModelLoader loader;
    private final String model;

    PlanResolver(ModelRegistry registry, ModelLoader loader, String model) {
        this.registry = registry;
        this.loader = loader;
        this.model = model;
    }

    /** The plan to serve and the versions refused on the way. */
    record Resolution(ServingPlan plan, List<String> refusals) {}

    /**
     * @param current the plan serving now, or null at start (then a champion that cannot serve is an error)
     * @throws IllegalStateException at start, when there is no champion or it is refused
     */
    Resolution resolve(ServingPlan current, long sequence) throws IOException {
        RolloutState rollout = registry.rollout(model);
        List<String> refusals = new ArrayList<>();
        Integer wanted = rollout.champion();
        int champion;
        if (wanted == null) {
            if (current == null) {
                throw new IllegalStateException("model '" + model + "' has no champion in registry " + registry.root()
                        + "; promote a version: streamscore models --registry " + registry.root() + " promote " + model
                        + " <version>");
            }
            refusals.add("model '" + model + "' has no champion any more; version " + current.champion
                    + " keeps scoring");
            champion = current.champion;
        } else if (current != null && current.serves(wanted)) {
            champion = wanted;
        } else {
            String refusal = check(wanted);
            if (refusal != null && current == null) {
                throw new IllegalStateException(refusal + "; fix or promote another version of model '" + model + "'");
            }
            if (refusal != null) {
                refusals.add(refusal + "; version " + current.champion + " keeps scoring");
            }
            champion = refusal == null ? wanted : current.champion;
        }
        List<Challenger> challengers = new ArrayList<>();
        for (Challenger challenger : rollout.challengers()) {
            if (challenger.version() == champion) {
                continue;
            }
            String refusal = current != null && current.serves(challenger.version()) ? null : check(challenger.version());
            if (refusal == null) {
                challengers.add(challenger);
            } else {
                refusals.add(refusal + "; it does not run as a " + challenger.mode().id());
            }
        }
        return new Resolution(ServingPlan.of(model, sequence, champion, challengers), refusals);
    }

    /** Null when the version loads and passes its self-check, else why not. */
    private String check(int version) {
        try {
            loader.load(model, version).scorer().close();
            return null;
        } catch (ModelLoadException e) {
            return e.getMessage();
        }
    }
}
