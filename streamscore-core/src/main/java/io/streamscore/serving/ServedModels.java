package io.streamscore.serving;

import io.streamscore.registry.ModelManifest;
import io.streamscore.registry.ModelRegistry;
import io.streamscore.registry.RegistryException;
import io.streamscore.scoring.ModelLoadException;
import io.streamscore.scoring.ModelLoader;
import io.streamscore.scoring.ModelLoader.LoadedModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's models as the server serves them: a version is loaded on first use (or at start for champions) and
 * kept; a request without a version goes to the model's champion, or to its newest version if none was promoted.
 * The champion is looked up again at most every {@link #CHAMPION_REFRESH}, so a promotion reaches the server without
 * a restart.
 */
final class ServedModels implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServedModels.class);
    static final Duration CHAMPION_REFRESH = Duration.ofSeconds(2);

    /** One loaded version: what it takes and the batcher that scores it. */
    record ServedModel(ModelSignature signature, ServerBatcher batcher, VersionMetrics metrics) {}

    private record Resolved(int version, long atNanos) {}

    private final ModelRegistry registry;
    private final ModelLoader loader;
    private final int maxBatch;
    private final Duration maxWait;
    private final ServeMetrics metrics;
    private final Map<String, ServedModel> loaded = new ConcurrentHashMap<>();
    private final Map<String, Resolved> defaults = new ConcurrentHashMap<>();

    ServedModels(ModelRegistry registry, int maxBatch, Duration maxWait, ServeMetrics metrics) {
        this.registry = registry;
        this.loader = new ModelLoader(registry, ModelLoader.BY_FORMAT);
        this.maxBatch = maxBatch;
        this.maxWait = maxWait;
        this.metrics = metrics;
    }

    /**
     * Loads the default version of every model, so the first requests do not pay for it. A version that cannot be
     * loaded or is refused does not stop the server: it is logged, its requests answer 503 naming the reason (the
     * load is tried again on each), and the other models serve.
     */
    void preload() throws IOException {
        for (String name : registry.list()) {
            try {
                get(name, null);
            } catch (InferenceException e) {
                LOG.error("model {} is not served (its requests answer {}): {}", name, e.status(), e.getMessage());
            }
        }
    }

    List<Integer> versions(String name) {
        try {
            return registry.versions(name);
        } catch (RegistryException e) {
            throw InferenceException.notFound("unknown model '" + name + "': " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The loaded model for {@code version} of {@code name} (null: the default version). */
    ServedModel get(String name, String version) {
        int resolved = version == null ? defaultVersion(name) : parseVersion(name, version);
        return loaded.computeIfAbsent(name + "/" + resolved, key -> load(name, resolved));
    }

    private int parseVersion(String name, String version) {
        int number;
        try {
            number = Integer.parseInt(version);
        } catch (NumberFormatException e) {
            throw InferenceException.notFound("model '" + name + "' has no version '" + version
                    + "'; versions are numbers: " + versions(name));
        }
        if (!versions(name).contains(number)) {
            throw InferenceException.notFound("model '" + name + "' has no version " + number + "; versions: "
                    + versions(name));
        }
        return number;
    }

    private int defaultVersion(String name) {
        Resolved cached = defaults.get(name);
        if (cached != null && System.nanoTime() - cached.atNanos < CHAMPION_REFRESH.toNanos()) {
            return cached.version;
        }
        List<Integer> versions = versions(name);
        Integer champion;
        try {
            champion = registry.rollout(name).champion();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RegistryException e) {
            // Its rollout state (registry.json) is unreadable, e.g. edited by hand: this model's problem, not the
            // server's; a request naming a version still serves.
            throw new InferenceException(503, "model '" + name + "' has no default version to serve: "
                    + e.getMessage() + "; name a version, or fix the file");
        }
        int version = champion != null ? champion : versions.get(versions.size() - 1);
        defaults.put(name, new Resolved(version, System.nanoTime()));
        return version;
    }

    /** Through the pipeline's {@link ModelLoader}: checksum, evaluator by format, feature check, self-check. */
    private ServedModel load(String name, int version) {
        LoadedModel model;
        try {
            model = loader.load(name, version);
        } catch (ModelLoadException e) {
            throw new InferenceException(503, e.getMessage());
        }
        ModelManifest manifest = model.manifest();
        ModelSignature signature = new ModelSignature(name, version, manifest.featureNames(), manifest.objective(),
                "streamscore_" + manifest.format().id().replace('-', '_'));
        VersionMetrics counted = metrics.loaded(name, version);
        return new ServedModel(signature, new ServerBatcher(model.scorer(), name, version, maxBatch, maxWait, counted),
                counted);
    }

    @Override
    public void close() {
        loaded.values().forEach(model -> model.batcher().close());
        loaded.clear();
    }
}
