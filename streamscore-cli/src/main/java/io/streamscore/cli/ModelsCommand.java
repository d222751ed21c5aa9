package io.streamscore.cli;

import io.streamscore.cli.models.Announcement;
import io.streamscore.cli.models.ModelsOutput;
import io.streamscore.registry.CanaryShareException;
import io.streamscore.registry.ChallengerMode;
import io.streamscore.registry.ChampionChange;
import io.streamscore.registry.ManifestDraft;
import io.streamscore.registry.ModelControlMessage;
import io.streamscore.registry.ModelControlMessage.Type;
import io.streamscore.registry.ModelManifest;
import io.streamscore.registry.ModelRegistry;
import io.streamscore.registry.RegistryException;
import io.streamscore.registry.RegistryJson;
import io.streamscore.registry.RolloutState;
import io.streamscore.scoring.ModelLoadException;
import io.streamscore.scoring.ModelLoader;
import io.streamscore.scoring.Scorer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;

/**
 * {@code streamscore models}: list, inspect, register, promote, roll back and run challengers in a model registry
 * ({@code docs/registry.md}). A change is made in the registry first; with {@code --bootstrap} and
 * {@code --control-topic} it is then announced to running pipelines as a {@link ModelControlMessage}. A publish that
 * fails does not undo the change: exit code 3 says the pipelines have not heard of it yet.
 */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "Manage the model registry: list, show, register, promote, rollback, challenger.")
public final class ModelsCommand implements Runnable {
    static final int REFUSED = 1;
    static final int PUBLISH_FAILED = 3;

    @Option(names = "--registry", required = true, scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "Registry directory: a path or a file: URI.")
    String registry;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "Print JSON instead of text.")
    boolean json;

    @Option(names = "--bootstrap", scope = ScopeType.INHERIT, paramLabel = "HOST:PORT",
            description = "Kafka to announce changes on (with --control-topic).")
    String bootstrap;

    @Option(names = "--control-topic", scope = ScopeType.INHERIT, paramLabel = "TOPIC",
            description = "Topic that running pipelines read model changes from (with --bootstrap).")
    String controlTopic;

    @Option(names = "--kafka-config", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "Kafka client properties for --bootstrap (security.protocol, sasl.*, ssl.*), as in the "
                    + "--command-config file of Kafka's own tools.")
    Path kafkaConfig;

    @Option(names = "--publish-timeout", scope = ScopeType.INHERIT, defaultValue = "15s", paramLabel = "DURATION",
            description = "How long to wait for Kafka to acknowledge a control message (default: ${DEFAULT-VALUE}).")
    Duration publishTimeout;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    /** What {@code --kafka-config} holds, read by {@link #checkPublishOptions}. */
    private Map<String, String> clientProperties = Map.of();

    @Override
    public void run() {
        command.commandLine().usage(command.commandLine().getOut());
    }

    @Command(name = "list", description = "Models with their versions, champion and challengers.")
    int list() {
        return refusing(() -> {
            ModelRegistry models = open();
            Map<String, List<Integer>> versions = new LinkedHashMap<>();
            Map<String, RolloutState> rollouts = new LinkedHashMap<>();
            for (String name : models.list()) {
                versions.put(name, models.versions(name));
                rollouts.put(name, models.rollout(name));
            }
            output().models(registry, versions, rollouts);
            return 0;
        });
    }

    @Command(name = "show", description = "A model's versions, champion, challengers and history, and a manifest "
            + "(the champion's, or --version's).")
    int show(@Parameters(paramLabel = "NAME") String name,
             @Option(names = "--version", paramLabel = "V",
                     description = "Show this version's manifest.") Integer version) {
        return refusing(() -> {
            ModelRegistry models = open();
            RolloutState rollout = models.rollout(name);
            Integer shown = version != null ? version : rollout.champion();
            output().model(models.versions(name), rollout, shown == null ? null : models.manifest(name, shown));
            return 0;
        });
    }

    @Command(name = "register", description = "Add a model file as the next version, with its manifest draft.")
    int register(@Parameters(paramLabel = "NAME") String name,
                 @Option(names = "--file", required = true, paramLabel = "F",
                         description = "The model file.") Path file,
                 @Option(names = "--manifest", required = true, paramLabel = "M.json",
                         description = "Manifest draft (JSON; see docs/registry.md).") Path manifestFile) {
        checkPublishOptions();
        return refusing(() -> {
            ManifestDraft draft = RegistryJson.read(readManifest(manifestFile), ManifestDraft.class,
                    manifestFile.toString());
            try {
                ModelLoader.checkBeforeRegistering(file.toString(), draft, readModel(file));
            } catch (ModelLoadException e) {
                throw new RegistryException(e.getMessage() + "; nothing was registered", e);
            }
            ModelManifest manifest = ModelRegistry.open(registry).register(name, file, draft);
            ModelControlMessage message = message(Type.REGISTER, name, manifest.version(), null, null, "");
            return announce(message, announcement -> output().registered(manifest, announcement));
        });
    }

    private static byte[] readModel(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new RegistryException("model file " + file + " does not exist or is not a file");
        }
        return Files.readAllBytes(file);
    }

    private static String readManifest(Path manifestFile) throws IOException {
        try {
            return Files.readString(manifestFile);
        } catch (NoSuchFileException e) {
            throw new RegistryException("manifest draft " + manifestFile + " does not exist", e);
        }
    }

    @Command(name = "promote", description = "Make a version the champion.")
    int promote(@Parameters(paramLabel = "NAME") String name, @Parameters(paramLabel = "VERSION") int version,
                @Option(names = "--reason", defaultValue = "", paramLabel = "R") String reason) {
        checkPublishOptions();
        return refusing(() -> {
            RolloutState rollout = checked(open(), name, version).promote(name, version, reason);
            ModelControlMessage message = message(Type.PROMOTE, name, version, null, null, reason);
            Integer before = lastChange(rollout).fromVersion();
            return announce(message, announcement -> output().changed(rollout, "version " + version
                    + " is the champion" + (before == null ? "" : " (was " + before + ")") + ".", announcement));
        });
    }

    @Command(name = "rollback", description = "Bring back the champion that the current one replaced.")
    int rollback(@Parameters(paramLabel = "NAME") String name,
                 @Option(names = "--reason", defaultValue = "", paramLabel = "R") String reason) {
        checkPublishOptions();
        return refusing(() -> {
            RolloutState rollout = open().rollback(name, reason);
            ModelControlMessage message = message(Type.ROLLBACK, name, rollout.champion(), null, null, reason);
            return announce(message, announcement -> output().changed(rollout, "rolled back to version "
                    + rollout.champion() + " (from " + lastChange(rollout).fromVersion() + ").", announcement));
        });
    }

    @Command(name = "challenger", description = "Run a version next to the champion (shadow, or canary with a "
            + "share), or stop it with --remove.")
    int challenger(@Parameters(paramLabel = "NAME") String name, @Parameters(paramLabel = "VERSION") int version,
                   @Option(names = "--mode", paramLabel = "shadow|canary") ChallengerMode mode,
                   @Option(names = "--share", paramLabel = "SHARE", description = "Share of the keys a canary "
                           + "decides, in (0, 1] (default 0.1; 1 = every key, still judged).") Double share,
                   @Option(names = "--remove",
                           description = "Stop running this version as a challenger.") boolean remove) {
        // The subcommand's own command line, so the usage printed is the challenger's, not the models parent's.
        CommandLine usage = command.commandLine().getSubcommands().get("challenger");
        if (remove == (mode != null)) {
            throw new CommandLine.ParameterException(usage,
                    (remove ? "give --mode or --remove, not both: " : "give one of --mode or --remove: ")
                            + "--mode shadow|canary runs version " + version + " as a challenger, --remove stops it");
        }
        if (remove && share != null) {
            throw new CommandLine.ParameterException(usage, "--share goes with --mode canary; --remove stops version "
                    + version + " whatever its share");
        }
        if (mode == ChallengerMode.CANARY && share != null) {
            try {
                CanaryShareException.check(share, "--share");
            } catch (CanaryShareException e) {
                throw new CommandLine.ParameterException(usage, e.getMessage());
            }
        }
        checkPublishOptions();
        return refusing(() -> {
            if (remove) {
                RolloutState rollout = open().removeChallenger(name, version);
                ModelControlMessage message = message(Type.REMOVE_CHALLENGER, name, version, null, null, "");
                return announce(message, announcement -> output().changed(rollout, "version " + version
                        + " is no longer a challenger.", announcement));
            }
            double given = share != null ? share : mode == ChallengerMode.CANARY ? 0.1 : 0;
            RolloutState rollout = checked(open(), name, version).setChallenger(name, version, mode, given);
            ModelControlMessage message = message(Type.SET_CHALLENGER, name, version, mode, given, "");
            return announce(message, announcement -> output().changed(rollout, "version " + version + " "
                    + ModelsOutput.challengerRole(mode, given) + ".", announcement));
        });
    }

    /** The registry, which must exist: only {@code register} may create it. */
    private ModelRegistry open() {
        return ExistingRegistry.open(registry);
    }

    /**
     * The registry, once {@code version} of {@code name} loaded and passed its self-check as a running pipeline
     * would load it: a version that cannot serve is refused here, before the registry names it, not later by every
     * running pipeline (which would keep the version it has, while the registry says otherwise).
     */
    private static ModelRegistry checked(ModelRegistry models, String name, int version) throws IOException {
        models.manifest(name, version); // an unknown model or version is refused as the registry words it
        try (Scorer scorer = new ModelLoader(models, ModelLoader.BY_FORMAT).load(name, version).scorer()) {
            return models;
        } catch (ModelLoadException e) {
            throw new RegistryException(e.getMessage() + "; the registry is unchanged", e);
        }
    }

    private ModelsOutput output() {
        return new ModelsOutput(command.commandLine().getOut(), json);
    }

    private static ChampionChange lastChange(RolloutState rollout) {
        return rollout.history().get(rollout.history().size() - 1);
    }

    /** Checked before a change, so that a usage error never follows a change already made. */
    private void checkPublishOptions() {
        if ((bootstrap == null) != (controlTopic == null)) {
            throw new CommandLine.ParameterException(command.commandLine(),
                    "--bootstrap and --control-topic go together: give both to announce the change, or neither");
        }
        if (kafkaConfig != null && bootstrap == null) {
            throw new CommandLine.ParameterException(command.commandLine(),
                    "--kafka-config configures the client of --bootstrap: give --bootstrap and --control-topic too");
        }
        clientProperties = kafkaConfig == null ? Map.of() : readClientProperties(kafkaConfig);
    }

    /** A Java properties file, as Kafka's tools read {@code --command-config}; unreadable is a usage error. */
    private Map<String, String> readClientProperties(Path file) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new CommandLine.ParameterException(command.commandLine(),
                    "--kafka-config " + file + ": cannot read it as a properties file: " + e);
        }
        Map<String, String> read = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(name -> read.put(name, properties.getProperty(name).strip()));
        return read;
    }

    /** The message to announce the change with, or null when no control topic is configured. */
    private ModelControlMessage message(Type type, String name, int version, ChallengerMode mode, Double share,
                                        String reason) {
        return bootstrap == null ? null
                : ModelControlMessage.issue(type, name, version, mode, share, reason, System.currentTimeMillis());
    }

    /**
     * Publishes {@code message} (if any), then reports the change with what became of it, so the output never calls
     * a message published before Kafka acknowledged it; exits with {@link #PUBLISH_FAILED} when it was not.
     */
    private int announce(ModelControlMessage message, Consumer<Announcement> report) throws InterruptedException {
        Announcement announcement = publish(message);
        report.accept(announcement);
        if (announcement.failure() == null) {
            return 0;
        }
        PrintWriter err = command.commandLine().getErr();
        err.println("error: the registry was changed, but announcing it on " + controlTopic + " at " + bootstrap
                + " failed: " + announcement.failure()
                + ". Running pipelines have not heard of it: publish again or restart them.");
        return PUBLISH_FAILED;
    }

    private Announcement publish(ModelControlMessage message) throws InterruptedException {
        if (message == null) {
            return Announcement.NONE;
        }
        return Announcement.publish(bootstrap, controlTopic, publishTimeout, clientProperties, message);
    }

    /** A step that may be refused by the registry: prints why and exits with {@link #REFUSED}. */
    private int refusing(RegistryStep step) {
        PrintWriter out = command.commandLine().getOut();
        PrintWriter err = command.commandLine().getErr();
        try {
            return step.run();
        } catch (RegistryException e) {
            err.println("error: " + e.getMessage());
            return REFUSED;
        } catch (IOException e) {
            err.println("error: cannot use registry " + registry + ": " + e);
            return REFUSED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("error: interrupted");
            return REFUSED;
        } finally {
            out.flush();
            err.flush();
        }
    }

    @FunctionalInterface
    private interface RegistryStep {
        int run() throws IOException, InterruptedException;
    }
}
