package io.streamscore.cli;

import io.streamscore.cli.models.Announcement;
import io.streamscore.cli.train.TrainerParams;
import io.streamscore.cli.train.TrainingInput;
import io.streamscore.cli.train.TrainingRun;
import io.streamscore.registry.ModelControlMessage;
import io.streamscore.registry.ModelManifest;
import io.streamscore.registry.ModelRegistry;
import io.streamscore.registry.RegistryException;
import io.streamscore.spec.ModelSpec;
import io.streamscore.spec.PipelineSpec;
import io.streamscore.spec.SpecLoader;
import io.streamscore.train.TrainingSet;
import io.streamscore.train.TrainingSetBuilder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code streamscore train SPEC}: builds a point-in-time-correct training set from the pipeline's feature log joined
 * with its labels, trains XGBoost on the earliest rows by event time, evaluates on the latest, and registers the
 * model with its metrics, baselines and self-check sample ({@code docs/training.md}).
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train an XGBoost model from a pipeline's feature log and labels and register it.")
public final class TrainCommand implements Callable<Integer> {
    private static final Duration ANNOUNCE_TIMEOUT = Duration.ofSeconds(15);

    @Parameters(index = "0", paramLabel = "SPEC", description = "The pipeline spec whose features the model uses.")
    Path specFile;

    @Option(names = "--registry", required = true, paramLabel = "DIR", description = "Model registry directory.")
    String registry;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "Model name in the registry.")
    String name;

    @Option(names = "--promote", description = "Make the new version the champion.")
    boolean promote;

    @Option(names = "--announce",
            description = "With --promote: announce the new champion on the model's control topic (the spec's"
                    + " model.control_topic, else <name>-model-control) of the Kafka cluster trained from"
                    + " (--bootstrap, else the spec's kafka.bootstrap) with the spec's kafka.properties, so running"
                    + " pipelines switch now, not at their next restart. Exit code 3 when it was not published.")
    boolean announce;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    @Option(names = "--holdout", defaultValue = "0.2", paramLabel = "SHARE",
            description = "Share of the latest labeled events held out for evaluation (default: ${DEFAULT-VALUE}).")
    double holdout;

    @Option(names = "--rounds", defaultValue = "" + TrainerParams.DEFAULT_ROUNDS,
            description = "Boosting rounds (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--max-depth", defaultValue = "" + TrainerParams.DEFAULT_MAX_DEPTH,
            description = "Tree depth (default: ${DEFAULT-VALUE}).")
    int maxDepth;

    @Option(names = "--eta", defaultValue = "" + TrainerParams.DEFAULT_ETA,
            description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double eta;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    /** Exactly one source of training data. */
    static final class Input {
        @ArgGroup(exclusive = false)
        Generated generated;
        @ArgGroup(exclusive = false)
        Files files;
        @ArgGroup(exclusive = false)
        Topics topics;
    }

    static final class Generated {
        @Option(names = "--generate", required = true, paramLabel = "SCENARIO",
                description = "Replay the spec's features over generated data of this scenario (fraud).")
        String scenario;
        @Option(names = "--events", defaultValue = "200000",
                description = "Generated payments (default: ${DEFAULT-VALUE}).")
        long events;
        @Option(names = "--seed", defaultValue = "1", description = "Generator seed (default: ${DEFAULT-VALUE}).")
        long seed;
        @Option(names = "--rate", defaultValue = "5000", paramLabel = "EVENTS_PER_SECOND",
                description = "Simulated payments per second, as in the demo (default: ${DEFAULT-VALUE}).")
        double rate;
    }

    static final class Files {
        @Option(names = "--features-file", required = true, paramLabel = "FILE",
                description = "JSON lines of score records with `features` (the scores topic's shape).")
        Path scores;
        @Option(names = "--labels-file", required = true, paramLabel = "FILE",
                description = "JSON lines of labels (event_id, is_fraud, label_time).")
        Path labels;
    }

    static final class Topics {
        @Option(names = "--bootstrap", required = true, paramLabel = "HOST:PORT",
                description = "Read the scores topic (feature log) and the labels topic from this Kafka cluster "
                        + "(with the spec's kafka.properties).")
        String bootstrap;
        @Option(names = "--scores-topic", paramLabel = "TOPIC",
                description = "Default: the spec's outputs.scores_topic.")
        String scoresTopic;
        @Option(names = "--labels-topic", defaultValue = "labels", paramLabel = "TOPIC",
                description = "Default: ${DEFAULT-VALUE}.")
        String labelsTopic;
        @Option(names = "--read-timeout", defaultValue = "60s", paramLabel = "DURATION",
                description = "Give up reading the topics after this long (default: ${DEFAULT-VALUE}).")
        Duration timeout;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = command.commandLine().getOut();
        TrainerParams params = checkedOptions();
        ModelRegistry models = ModelRegistry.open(registry); // a --registry that is a file is refused before training
        PipelineSpec spec = SpecLoader.load(specFile);
        String announceTo = announce ? announceBootstrap(spec, models) : null;
        TrainingInput input = trainingInput(spec);
        TrainingSetBuilder builder = input.builder(spec);
        long started = System.nanoTime();
        out.println(input.read(spec, builder));
        TrainingSet set = builder.build(holdout);
        out.println(describe(set));
        out.flush();
        TrainingRun.requireBothClasses(set, moreLabeledEvents());
        TrainingRun.Outcome outcome = TrainingRun.trainAndRegister(set, params, models, name, promote);
        printOutcome(out, outcome, (System.nanoTime() - started) / 1e9);
        return announceTo == null ? 0 : announcePromotion(spec, announceTo, outcome.manifest().version());
    }

    /** The cluster to announce on, checked before any training, so a mistake costs a second. */
    private String announceBootstrap(PipelineSpec spec, ModelRegistry models) {
        if (!promote) {
            throw usage("--announce announces a promotion: add --promote");
        }
        spec.model().filter(model -> model.name().equals(name)).ifPresent(model -> requireSameRegistry(model, models));
        if (input.topics != null) {
            return input.topics.bootstrap;
        }
        if (spec.kafka().embedded()) {
            throw usage("--announce: the spec's kafka.bootstrap is `embedded`, which lives only inside `run` and"
                    + " `demo`; train from the pipeline's topics with --bootstrap, or use a spec naming its cluster");
        }
        return spec.kafka().bootstrap();
    }

    /**
     * The pipeline re-reads its own registry when it hears of the promotion: announcing a version registered
     * elsewhere would change nothing there, silently (a relative --registry resolves against the working directory,
     * the spec's model.registry against the spec's folder).
     */
    private void requireSameRegistry(ModelSpec model, ModelRegistry models) {
        Path pipelines;
        try {
            pipelines = ModelRegistry.open(model.registry()).root().toAbsolutePath().normalize();
        } catch (RegistryException e) {
            return; // a registry only the cluster can open (a file system without a provider here): nothing to compare
        }
        Path trained = models.root().toAbsolutePath().normalize();
        if (!pipelines.equals(trained)) {
            throw usage("--announce: the pipeline reads model '" + name + "' from its model.registry " + pipelines
                    + ", not from --registry " + trained + ", so it would not find the version announced; train "
                    + "into the pipeline's registry: --registry " + pipelines);
        }
    }

    private int announcePromotion(PipelineSpec spec, String bootstrap, int version) throws InterruptedException {
        String topic = spec.model().filter(model -> model.name().equals(name)).map(ModelSpec::controlTopic)
                .orElse(ModelSpec.defaultControlTopic(name));
        ModelControlMessage message = ModelControlMessage.issue(ModelControlMessage.Type.PROMOTE, name, version, null,
                null, "trained and promoted by streamscore train", System.currentTimeMillis());
        Announcement announcement = Announcement.publish(bootstrap, topic, ANNOUNCE_TIMEOUT, spec.kafka().properties(),
                message);
        if (!announcement.published()) {
            command.commandLine().getErr().println("error: " + name + " version " + version + " is the champion in"
                    + " the registry, but announcing it on " + topic + " at " + bootstrap + " failed: "
                    + announcement.failure() + ". Running pipelines have not heard of it: streamscore models promote "
                    + name + " " + version + " --bootstrap " + bootstrap + " --control-topic " + topic
                    + ", or restart them.");
            return ModelsCommand.PUBLISH_FAILED;
        }
        PrintWriter out = command.commandLine().getOut();
        out.println("announced the promotion on " + topic + " (id " + message.id() + ")");
        out.flush();
        return 0;
    }

    /** Every option checked before any data is read or generated, so a typo fails in a second, not after minutes. */
    private TrainerParams checkedOptions() {
        try {
            ModelRegistry.checkName(name, "--name");
        } catch (RegistryException e) {
            throw usage(e.getMessage());
        }
        if (!(holdout > 0 && holdout < 1)) {
            throw usage("--holdout: " + holdout + " is not a share of the labeled events: give a value between 0 "
                    + "and 1 (exclusive), e.g. 0.2");
        }
        if (input.generated != null) {
            OptionChecks.positive(command, "--rate", input.generated.rate);
            OptionChecks.atLeast(command, "--events", input.generated.events, 1);
        }
        if (input.topics != null) {
            OptionChecks.kafkaServers(command, "--bootstrap", input.topics.bootstrap);
        }
        if (input.files != null) {
            requireFile("--features-file", input.files.scores);
            requireFile("--labels-file", input.files.labels);
        }
        try {
            return new TrainerParams(rounds, maxDepth, eta);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private void requireFile(String option, Path file) {
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw usage(option + ": " + file + (java.nio.file.Files.isDirectory(file) ? " is a directory, not a file"
                    : " does not exist"));
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(command.commandLine(), message);
    }

    private TrainingInput trainingInput(PipelineSpec spec) {
        if (input.generated != null) {
            if (!"fraud".equals(input.generated.scenario)) {
                throw usage("--generate: only `fraud` has labels to train on, not '" + input.generated.scenario
                        + "'");
            }
            return new TrainingInput.Generated(input.generated.seed, input.generated.events, input.generated.rate);
        }
        if (input.files != null) {
            return new TrainingInput.Files(input.files.scores, input.files.labels);
        }
        Topics topics = input.topics;
        return new TrainingInput.Topics(topics.bootstrap, topics.scoresTopic != null ? topics.scoresTopic
                : spec.outputs().scoresTopic(), topics.labelsTopic, topics.timeout);
    }

    /** What to do when the set lacks a class: depends on where the events came from. */
    private String moreLabeledEvents() {
        if (input.generated != null) {
            return String.format("Fraud is rare (about 1 payment in 200): generate more with --events (%,d now; "
                    + "20,000 or more trains a usable model).", input.generated.events);
        }
        return "Train on a longer stretch of the feature log, with its labels (fraud is rare: thousands of labeled "
                + "events hold only a few), or check that the labels mark fraud (is_fraud: true).";
    }

    static String describe(TrainingSet set) {
        TrainingSetBuilder.Counts counts = set.counts();
        String summary = String.format("training set: %,d rows (%,d fraud) trained, %,d rows (%,d fraud) held out, "
                        + "from %,d feature entries and %,d labels; %,d events unlabeled, %,d labels without features",
                set.train().size(), set.train().positives(), set.holdout().size(), set.holdout().positives(),
                counts.featureEntries(), counts.labels(), counts.unlabeledEvents(), counts.labelsWithoutFeatures());
        // Said only when it happens: labels dropped because their event id alone does not say whose they are.
        return counts.ambiguousLabels() == 0 ? summary : summary + String.format("; %,d labels without a `source` "
                + "left out, as several sources have events of their ids (give those labels the event's source)",
                counts.ambiguousLabels());
    }

    private static void printOutcome(PrintWriter out, TrainingRun.Outcome outcome, double totalSeconds) {
        ModelManifest manifest = outcome.manifest();
        Map<String, Double> m = manifest.metrics();
        out.printf("holdout: AUC %.4f, PR-AUC %.4f (train AUC %.4f); best-F1 threshold %.4f: precision %.3f, "
                        + "recall %.3f, F1 %.3f%n", m.get("auc"), m.get("pr_auc"), m.get("train_auc"),
                m.get(ModelManifest.THRESHOLD_METRIC), m.get("precision"), m.get("recall"), m.get("f1"));
        out.printf("registered %s version %d%s (trained in %.1f s, %.1f s in all)%n", manifest.name(),
                manifest.version(), outcome.promoted() ? " as the champion" : "", outcome.trainSeconds(),
                totalSeconds);
        out.flush();
    }
}
