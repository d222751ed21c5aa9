package io.streamscore.registry;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A directory of model versions and of which version serves, shared by trainers, the CLI and running pipelines
 * (layout in {@link RegistryLayout} and {@code docs/registry.md}).
 *
 * <p>Guarantees: a version, once listed, is complete and never changes (its directory is renamed into place with
 * manifest and model file written and forced to disk); two registrations of the same model, from threads or
 * processes, never get the same version; {@code registry.json} is replaced atomically under the same lock, so
 * concurrent promotions do not lose each other's history; model bytes are only returned when their SHA-256 matches
 * the manifest. Reads take no lock: every file they read is replaced atomically. User errors are
 * {@link RegistryException}s that say what exists.
 */
public final class ModelRegistry {
    private final RegistryLayout layout;
    private final Clock clock;
    private final String actor;

    private ModelRegistry(Path root, Clock clock, String actor) {
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new RegistryException("registry " + root + " is a file, not a directory");
        }
        this.layout = new RegistryLayout(root);
        this.clock = clock;
        this.actor = actor;
    }

    /** The registry in {@code root} (created by the first registration), changes attributed to this OS user. */
    public static ModelRegistry open(Path root) {
        return open(root, Clock.systemUTC(), System.getProperty("user.name", "unknown"));
    }

    /** @param actor who the history names for promotions and rollbacks made through this instance */
    public static ModelRegistry open(Path root, Clock clock, String actor) {
        return new ModelRegistry(root, clock, actor);
    }

    /** A registry at a path or a URI ({@code file:///models}; other schemes need their NIO file system provider). */
    public static ModelRegistry open(String location) {
        if (!location.matches("[a-zA-Z][a-zA-Z0-9+.-]+:.*")) {
            return open(Path.of(location));
        }
        try {
            return open(Path.of(URI.create(location)));
        } catch (FileSystemNotFoundException | IllegalArgumentException e) {
            throw new RegistryException("cannot open registry " + location + ": no file system for its scheme ("
                    + e.getMessage() + "); use a local path or a file: URI", e);
        }
    }

    /**
     * Refuses a name no model can have (it is a directory name, a Kafka key and a metric label), so that a command
     * can check it before any slow work.
     *
     * @param field where the name came from, for the message ({@code --name})
     */
    public static void checkName(String name, String field) {
        if (!ModelName.isValid(name)) {
            throw new RegistryException(ModelName.problem(name, field));
        }
    }

    public Path root() {
        return layout.root();
    }

    /** Models with at least one version, sorted by name. */
    public List<String> list() throws IOException {
        return layout.modelNames();
    }

    /** The versions of {@code name}, ascending. */
    public List<Integer> versions(String name) throws IOException {
        List<Integer> versions = layout.completeVersions(layout.model(name));
        if (versions.isEmpty()) {
            List<String> models = list();
            throw new RegistryException("no model '" + name + "' in registry " + root() + (models.isEmpty()
                    ? "; it has no models yet" : "; models: " + String.join(", ", models)));
        }
        return versions;
    }

    public ModelManifest manifest(String name, int version) throws IOException {
        requireVersion(name, version);
        Path file = layout.manifest(name, version);
        ModelManifest manifest = RegistryJson.read(Files.readString(file), ModelManifest.class, file.toString());
        if (!manifest.name().equals(name) || manifest.version() != version) {
            throw new RegistryException(file + " describes " + manifest.name() + " version " + manifest.version()
                    + ", not " + name + " version " + version + "; it was moved or edited by hand");
        }
        return manifest;
    }

    /** The model file's bytes, after checking them against the manifest's SHA-256. */
    public byte[] modelBytes(String name, int version) throws IOException {
        ModelManifest manifest = manifest(name, version);
        Path file = layout.version(name, version).resolve(manifest.modelFileName());
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new RegistryException("model file " + file + " is missing; the version directory was damaged", e);
        }
        String actual = ModelChecksum.sha256(bytes);
        if (!actual.equals(manifest.sha256())) {
            throw new RegistryException("model file " + file + " does not match its manifest: its SHA-256 is "
                    + actual + ", the manifest says " + manifest.sha256()
                    + "; the file was changed or damaged after registration, register the model again");
        }
        return bytes;
    }

    /** Champion, challengers and history of {@code name}; a model never promoted has no champion yet. */
    public RolloutState rollout(String name) throws IOException {
        versions(name);
        Path file = layout.rollout(name);
        return Files.exists(file)
                ? RegistryJson.read(Files.readString(file), RolloutState.class, file.toString())
                : RolloutState.initial(name);
    }

    /** The manifest of the serving version, or empty before the first promotion. */
    public Optional<ModelManifest> champion(String name) throws IOException {
        Integer champion = rollout(name).champion();
        return champion == null ? Optional.empty() : Optional.of(manifest(name, champion));
    }

    /**
     * Adds {@code modelFile} as the next version of {@code name} (1 for a new model) and returns its manifest, with
     * the checksum, version and creation time filled in. The new version does not serve until promoted.
     */
    public ModelManifest register(String name, Path modelFile, ManifestDraft draft) throws IOException {
        if (!Files.isRegularFile(modelFile)) {
            throw new RegistryException("model file " + modelFile + " does not exist or is not a file");
        }
        Path modelDirectory = layout.model(name);
        Files.createDirectories(modelDirectory);
        // The copy, the slow part, happens before taking the lock; only numbering and the rename are serialized.
        Path staging = modelDirectory.resolve(RegistryLayout.STAGING_PREFIX + UUID.randomUUID());
        Files.createDirectory(staging);
        try {
            String sha256 = copyWithDigest(modelFile, staging.resolve(draft.format().fileName()));
            try (RegistryLock lock = RegistryLock.acquire(layout.lock(name))) {
                ModelManifest manifest = ModelManifest.of(name, layout.nextVersion(name), draft, clock.millis(),
                        sha256);
                AtomicFileWriter.writeDurably(staging.resolve(RegistryLayout.MANIFEST),
                        RegistryJson.write(manifest).getBytes(StandardCharsets.UTF_8));
                AtomicFileWriter.syncDirectory(staging);
                Files.move(staging, layout.version(name, manifest.version()), StandardCopyOption.ATOMIC_MOVE);
                AtomicFileWriter.syncDirectory(modelDirectory);
                return manifest;
            }
        } finally {
            deleteIfLeftOver(staging);
        }
    }

    private static String copyWithDigest(Path source, Path target) throws IOException {
        MessageDigest digest = ModelChecksum.newDigest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(source), digest)) {
            AtomicFileWriter.copyDurably(in, target);
        }
        return ModelChecksum.hex(digest.digest());
    }

    /** Removes a staging directory that was not renamed into place (the registration failed). */
    private static void deleteIfLeftOver(Path staging) throws IOException {
        if (!Files.exists(staging)) {
            return;
        }
        try (Stream<Path> files = Files.walk(staging)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** Makes {@code version} the champion; the champion it replaces can be restored with {@link #rollback}. */
    public RolloutState promote(String name, int version, String reason) throws IOException {
        requireVersion(name, version);
        return change(name, state -> {
            if (Integer.valueOf(version).equals(state.champion())) {
                throw new RegistryException("version " + version + " is already the champion of '" + name + "'");
            }
            return state.promote(version, actor, clock.millis(), reason);
        });
    }

    /** Restores the champion that the current one replaced (undoing promotions in order). */
    public RolloutState rollback(String name, String reason) throws IOException {
        return change(name, state -> {
            if (state.previousChampion().isEmpty()) {
                throw new RegistryException("model '" + name + "' has no previous champion to roll back to ("
                        + (state.champion() == null ? "it has no champion yet" : "version " + state.champion()
                        + " is its first champion") + ")");
            }
            return state.rollback(actor, clock.millis(), reason);
        });
    }

    /** Runs {@code version} next to the champion, as a shadow or as a canary with a share of the decisions. */
    public RolloutState setChallenger(String name, int version, ChallengerMode mode, double share) throws IOException {
        requireVersion(name, version);
        Challenger challenger = checked(name, () -> new Challenger(version, mode, share));
        return change(name, state -> {
            if (Integer.valueOf(version).equals(state.champion())) {
                throw new RegistryException("version " + version + " is the champion of '" + name
                        + "'; a challenger must be another version");
            }
            return state.withChallenger(challenger);
        });
    }

    public RolloutState removeChallenger(String name, int version) throws IOException {
        return change(name, state -> {
            if (state.challenger(version).isEmpty()) {
                throw new RegistryException("version " + version + " is not a challenger of '" + name
                        + "'; challengers: " + (state.challengers().isEmpty() ? "none" : state.challengers()));
            }
            return state.withoutChallenger(version);
        });
    }

    private void requireVersion(String name, int version) throws IOException {
        List<Integer> versions = versions(name);
        if (!versions.contains(version)) {
            throw new RegistryException("model '" + name + "' has no version " + version + "; its versions: "
                    + versions);
        }
    }

    /** Runs {@code action}, turning a validation failure of a record into a registry error about the model. */
    private static <T> T checked(String name, Supplier<T> action) {
        try {
            return action.get();
        } catch (IllegalArgumentException e) {
            throw new RegistryException("model '" + name + "': " + e.getMessage(), e);
        }
    }

    /** Reads, changes and atomically rewrites {@code registry.json} under the model's lock. */
    private RolloutState change(String name, UnaryOperator<RolloutState> change) throws IOException {
        versions(name);
        try (RegistryLock lock = RegistryLock.acquire(layout.lock(name))) {
            RolloutState current = rollout(name);
            RolloutState changed = checked(name, () -> change.apply(current));
            AtomicFileWriter.replace(layout.rollout(name),
                    RegistryJson.write(changed).getBytes(StandardCharsets.UTF_8));
            return changed;
        }
    }
}
