package io.streamscore.flink.scoring;

import io.streamscore.registry.Challenger;
import io.streamscore.registry.ModelRegistry;
import io.streamscore.registry.RolloutState;
import io.streamscore.scoring.ModelLoadException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the registry's rollout state into the plan that may serve: every version the plan did not serve yet must
 * load and pass its self-check first. A refused champion leaves the current champion in place (at start, the newest
 * earlier champion that can serve); a refused challenger is left out. Each refusal is reported with its reason.
 */
final class PlanResolver {
    private final ModelRegistry registry;
    private final PipelineModelLoader loader;
    private final String model;

    PlanResolver(ModelRegistry registry, PipelineModelLoader loader, String model) {
        this.registry = registry;
        this.loader = loader;
        this.model = model;
    }

    /** The plan to serve and the versions refused on the way. */
    record Resolution(ServingPlan plan, List<String> refusals) {}

    /**
     * @param current the plan serving now, or null at start and after a restore: then a champion that cannot serve is
     *                replaced by the newest earlier champion that can (and the refusal reported), never a reason to
     *                stop the stream
     * @throws IllegalStateException at start, when there is no champion, or neither it nor any earlier one can serve
     */
    Resolution resolve(ServingPlan current, long sequence) throws IOException {
        RolloutState rollout = registry.rollout(model);
        List<String> refusals = new ArrayList<>();
        int champion = current == null ? startingChampion(rollout, refusals) : nextChampion(rollout, current, refusals);
        List<Challenger> challengers = new ArrayList<>();
        for (Challenger challenger : rollout.challengers()) {
            if (challenger.version() == champion) {
                continue;
            }
            String refusal = current != null && current.serves(challenger.version()) ? null
                    : check(challenger.version());
            if (refusal == null) {
                challengers.add(challenger);
            } else {
                refusals.add(refusal + "; it does not run as a " + challenger.mode().id());
            }
        }
        return new Resolution(ServingPlan.of(model, sequence, champion, challengers), refusals);
    }

    /** While serving: the registry's champion if it is served already or passes its checks, else the current one. */
    private int nextChampion(RolloutState rollout, ServingPlan current, List<String> refusals) {
        Integer wanted = rollout.champion();
        if (wanted == null) {
            refusals.add("model '" + model + "' has no champion any more; version " + current.champion
                    + " keeps scoring");
            return current.champion;
        }
        String refusal = current.serves(wanted) ? null : check(wanted);
        if (refusal == null) {
            return wanted;
        }
        refusals.add(refusal + "; version " + current.champion + " keeps scoring");
        return current.champion;
    }

    /**
     * At start or after a restore, when nothing serves yet: the registry's champion, else the champion that a
     * rollback would bring back, and so on (a refused promotion left the one before it scoring, and a restart must
     * not change that).
     */
    private int startingChampion(RolloutState rollout, List<String> refusals) {
        Integer wanted = rollout.champion();
        if (wanted == null) {
            throw new IllegalStateException("model '" + model + "' has no champion in registry " + registry.root()
                    + "; promote a version: streamscore models --registry " + registry.root() + " promote " + model
                    + " <version>");
        }
        List<String> refused = new ArrayList<>();
        for (int version : candidates(wanted, rollout.earlierChampions())) {
            String refusal = check(version);
            if (refusal == null) {
                refused.forEach(reason -> refusals.add(reason + "; version " + version + " keeps scoring"));
                return version;
            }
            refused.add(refusal);
        }
        String fallback = refused.size() > 1 ? "no earlier champion can serve either" : "it has no earlier champion";
        throw new IllegalStateException(String.join("; ", refused) + "; " + fallback + "; fix or promote another "
                + "version of model '" + model + "'");
    }

    private static List<Integer> candidates(int champion, List<Integer> earlier) {
        List<Integer> candidates = new ArrayList<>(List.of(champion));
        candidates.addAll(earlier);
        return candidates;
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
