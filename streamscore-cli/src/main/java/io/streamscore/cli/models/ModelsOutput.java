package io.streamscore.cli.models;

import io.streamscore.registry.Challenger;
import io.streamscore.registry.ChallengerMode;
import io.streamscore.registry.ChampionChange;
import io.streamscore.registry.Histogram;
import io.streamscore.registry.ModelControlMessage;
import io.streamscore.registry.ModelManifest;
import io.streamscore.registry.RegistryJson;
import io.streamscore.registry.RolloutState;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code streamscore models} prints: short sentences and tables for people, or with {@code --json} one JSON
 * document per command (the registry's own JSON shapes, wrapped in an object with snake_case keys) for scripts.
 */
public final class ModelsOutput {
    private final PrintWriter out;
    private final boolean json;

    public ModelsOutput(PrintWriter out, boolean json) {
        this.out = out;
        this.json = json;
    }

    /** One row per model: {@code rollouts} holds each model's state, in list order. */
    public void models(String registry, Map<String, List<Integer>> versions, Map<String, RolloutState> rollouts) {
        if (json) {
            List<Map<String, Object>> rows = versions.keySet().stream().map(name -> document(
                    "name", name, "versions", versions.get(name), "champion", rollouts.get(name).champion(),
                    "challengers", rollouts.get(name).challengers())).toList();
            print(document("registry", registry, "models", rows));
            return;
        }
        if (versions.isEmpty()) {
            out.println("No models in registry " + registry + ".");
            return;
        }
        out.printf("%-24s %-8s %-6s %-8s %s%n", "MODEL", "VERSIONS", "LATEST", "CHAMPION", "CHALLENGERS");
        versions.forEach((name, list) -> {
            RolloutState rollout = rollouts.get(name);
            out.printf("%-24s %-8d %-6d %-8s %s%n", name, list.size(), list.get(list.size() - 1),
                    rollout.champion() == null ? "-" : rollout.champion(),
                    rollout.challengers().isEmpty() ? "-" : challengers(rollout.challengers()));
        });
    }

    public void model(List<Integer> versions, RolloutState rollout, ModelManifest manifest) {
        if (json) {
            print(document("name", rollout.name(), "versions", versions, "rollout", rollout, "manifest", manifest));
            return;
        }
        out.println("Model " + rollout.name() + ": versions " + versions + "; champion "
                + (rollout.champion() == null ? "none yet" : rollout.champion()) + "; challengers "
                + (rollout.challengers().isEmpty() ? "none" : challengers(rollout.challengers())));
        for (ChampionChange change : rollout.history()) {
            out.printf("  %s %s to %d (from %s) by %s%s%n", Instant.ofEpochMilli(change.atMillis()),
                    change.kind().id(), change.toVersion(), change.fromVersion() == null ? "-" : change.fromVersion(),
                    change.by(),
                    change.reason().isEmpty() ? "" : ": " + change.reason());
        }
        if (manifest != null) {
            manifestDetails(manifest);
        }
    }

    private void manifestDetails(ModelManifest manifest) {
        out.println("Version " + manifest.version() + ":");
        out.println("  format        " + manifest.format().id() + " (" + manifest.objective() + ")");
        out.println("  features      " + String.join(", ", manifest.featureNames()));
        out.println("  trained on    " + Instant.ofEpochMilli(manifest.trainingTimeRange().fromMillis()) + " .. "
                + Instant.ofEpochMilli(manifest.trainingTimeRange().toMillis()));
        out.println("  metrics       " + (manifest.metrics().isEmpty() ? "none" : manifest.metrics()));
        Histogram score = manifest.baselines().score();
        out.println("  baselines     " + manifest.baselines().features().size() + " features + score ("
                + score.counts().length + " bins, " + score.total() + " values)");
        out.println("  self-check    " + manifest.selfCheck().rows().size() + " rows, tolerance "
                + manifest.selfCheck().tolerance());
        out.println("  created       " + Instant.ofEpochMilli(manifest.createdAtMillis()));
        out.println("  sha256        " + manifest.sha256());
    }

    public void registered(ModelManifest manifest, Announcement announcement) {
        if (json) {
            print(withAnnouncement(document("manifest", manifest), announcement));
            return;
        }
        out.println("Registered " + manifest.name() + " version " + manifest.version() + " (" + manifest.format().id()
                + ", " + manifest.featureNames().size() + " features, sha256 " + manifest.sha256().substring(0, 12)
                + "). It does not serve until promoted: streamscore models promote " + manifest.name() + " "
                + manifest.version());
        announced(announcement);
    }

    /** After promote, rollback or a challenger change: {@code what} says it in a sentence. */
    public void changed(RolloutState rollout, String what, Announcement announcement) {
        if (json) {
            print(withAnnouncement(document("rollout", rollout), announcement));
            return;
        }
        out.println(rollout.name() + ": " + what);
        announced(announcement);
    }

    /** Called after the publish returned, so "Published" is only ever printed for an acknowledged message. */
    private void announced(Announcement announcement) {
        ModelControlMessage message = announcement.message();
        if (announcement.published()) {
            out.println("Published " + message.type() + " to the control topic (id " + message.id() + ").");
        } else if (message != null) {
            out.println("Not announced: " + message.type() + " (id " + message.id() + ") was not published to the "
                    + "control topic; running pipelines have not heard of this change.");
        }
    }

    /**
     * {@code control_message} is the message meant for the control topic (null without one); {@code published} says
     * whether Kafka acknowledged it, and {@code publish_error} why not.
     */
    private static Map<String, Object> withAnnouncement(Map<String, Object> document, Announcement announcement) {
        document.put("control_message", announcement.message());
        document.put("published", announcement.published());
        if (announcement.failure() != null) {
            document.put("publish_error", announcement.failure());
        }
        return document;
    }

    static String challengers(List<Challenger> challengers) {
        return String.join(", ", challengers.stream().map(Challenger::toString).toList());
    }

    /** "runs as a canary, deciding for 10% of the keys" or "runs as a shadow". */
    public static String challengerRole(ChallengerMode mode, double share) {
        return mode == ChallengerMode.SHADOW ? "runs as a shadow (scores every event, decides none)"
                : String.format("runs as a canary, deciding for %s%% of the keys (all their events)",
                        Math.round(share * 1000) / 10.0);
    }

    private static Map<String, Object> document(Object... keysAndValues) {
        Map<String, Object> document = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            document.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return document;
    }

    private void print(Map<String, Object> document) {
        out.println(RegistryJson.write(document));
    }
}
