package io.streamscore.cli;

import io.streamscore.cli.dashboard.DashboardModel;
import io.streamscore.cli.dashboard.DashboardServer;
import io.streamscore.cli.dashboard.MetricsScraper;
import io.streamscore.cli.demo.AlertTable;
import io.streamscore.cli.demo.DemoGenerator;
import io.streamscore.cli.demo.DemoModel;
import io.streamscore.cli.demo.DemoScenario;
import io.streamscore.cli.demo.DemoSummary;
import io.streamscore.cli.demo.FeatureSyncFigures;
import io.streamscore.cli.demo.GroundTruth;
import io.streamscore.cli.demo.OutputMonitor;
import io.streamscore.cli.generate.GeneratorProducer;
import io.streamscore.cli.local.DirectoryCleaner;
import io.streamscore.cli.local.LocalRuntime;
import io.streamscore.generate.EventGenerator;
import io.streamscore.generate.GeneratedStream;
import io.streamscore.generate.RecordKind;
import io.streamscore.spec.PipelineSpec;
import io.streamscore.spec.ServingSpec;
import io.streamscore.spec.SourceSpec;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code streamscore demo [scenario]}: the whole system in one process and one command. Starts an embedded Kafka
 * broker and the scenario's pipeline on a Flink MiniCluster, feeds it from the generator, watches the outputs as a
 * read_committed consumer, prints a status line every few seconds, and on Ctrl-C or after {@code --duration} stops
 * the generator, waits until every generated event is accounted for (scored, dead letter or late), and reports.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run a scenario end to end on embedded Kafka and Flink, with a live summary.")
public final class DemoCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", defaultValue = "fraud", paramLabel = "SCENARIO",
            description = "Scenario to run: fraud, clickstream, feature-store or feature-sync "
                    + "(default: ${DEFAULT-VALUE}).")
    String scenario;

    @Option(names = "--duration", paramLabel = "DURATION",
            description = "Stop after this long (e.g. 30s, 5m); default: run until Ctrl-C.")
    Duration duration;

    @Option(names = "--rate", defaultValue = "5000", paramLabel = "EVENTS_PER_SECOND",
            description = "Events per second of the scenario's stream (payments, clicks); 0 sends as fast as possible "
                    + "(default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--seed", defaultValue = "42", description = "Generator seed (default: ${DEFAULT-VALUE}); with "
            + "the fraud demo's default model it picks the payments, and the customers are those the model was "
            + "trained on.")
    long seed;
    /** Who pays: the default model's customers when the demo trained or took it, else those of {@link #seed}. */
    private Long populationSeed;

    @Option(names = "--summary", paramLabel = "FILE", description = "Write the final figures as JSON to FILE.")
    Path summaryFile;

    @Option(names = "--status-interval", defaultValue = "5s", paramLabel = "DURATION",
            description = "How often to print the status line (default: ${DEFAULT-VALUE}).")
    Duration statusInterval;

    @Option(names = "--drain-timeout", defaultValue = "60s", paramLabel = "DURATION",
            description = "How long to wait at the end for every event to reach an output (default: ${DEFAULT-VALUE}).")
    Duration drainTimeout;

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "Keep Kafka data and checkpoints here; default: a temporary directory, deleted on exit.")
    Path workDir;

    @Option(names = "--metrics-port", defaultValue = "9249", paramLabel = "PORT",
            description = "Port of the Prometheus endpoint on 127.0.0.1; 0 picks a free one "
                    + "(default: ${DEFAULT-VALUE}).")
    int metricsPort;

    @Option(names = "--serving-port", paramLabel = "PORT",
            description = "Port of the feature-serving API on 127.0.0.1 in scenarios that serve features; 0 picks a "
                    + "free one (default: the spec's, 7070 in feature-sync).")
    Integer servingPort;

    @Option(names = "--dashboard-port", defaultValue = "8080", paramLabel = "PORT",
            description = "Port of the live dashboard on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int dashboardPort;

    @Option(names = "--amount-shift", defaultValue = "1", paramLabel = "FACTOR",
            description = "fraud: from --shift-after on, ordinary payments cost FACTOR times as much, so the drift "
                    + "monitor sees the input drift (default: ${DEFAULT-VALUE}, no shift).")
    double amountShift;

    @Option(names = "--shift-after", defaultValue = "60s", paramLabel = "DURATION",
            description = "When --amount-shift starts, after the generator starts (default: ${DEFAULT-VALUE}).")
    Duration shiftAfter;

    @Option(names = "--cache-dir", paramLabel = "DIR",
            description = "fraud: where the trained default model is cached and reused (default: "
                    + "~/.cache/streamscore/models).")
    Path cacheDir;

    @Option(names = "--model-events", defaultValue = "" + DemoModel.DEFAULT_TRAINING_PAYMENTS, paramLabel = "N",
            description = "fraud: generated payments the default model is trained on (default: ${DEFAULT-VALUE}; "
                    + "fewer train faster and score worse).")
    long modelEvents;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = command.commandLine().getOut();
        DemoScenario demo = checkedOptions();
        LocalPortCheck.requireFree("--metrics-port", metricsPort);
        LocalPortCheck.requireFree("--dashboard-port", dashboardPort);
        LocalPortCheck.requireFree("--serving-port", servingPort);
        PipelineSpec spec = withServingPort(demo.spec(Path.of(".").toAbsolutePath()));
        Path models = workDir != null ? workDir.resolve("models")
                : Files.createTempDirectory("streamscore-demo-models-");
        if (demo == DemoScenario.FRAUD && spec.model().isEmpty()) {
            spec = attachModel(demo, spec, models, out);
        }
        try {
            return run(demo, spec, out);
        } finally {
            if (workDir == null) {
                DirectoryCleaner.deleteQuietly(models);
            }
        }
    }

    /** Options checked before Kafka, Flink or model training start; a mistake is a usage error naming it. */
    private DemoScenario checkedOptions() {
        OptionChecks.notNegative(command, "--rate", rate, "sends as fast as possible");
        OptionChecks.positive(command, "--status-interval", statusInterval);
        OptionChecks.positive(command, "--duration", duration);
        OptionChecks.port(command, "--metrics-port", metricsPort);
        OptionChecks.port(command, "--dashboard-port", dashboardPort);
        OptionChecks.port(command, "--serving-port", servingPort);
        if (modelEvents < 1_000) {
            throw new CommandLine.ParameterException(command.commandLine(),
                    "--model-events: " + modelEvents + " payments hold too few frauds to train on; use 1000 or more");
        }
        try {
            return DemoScenario.named(scenario);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(command.commandLine(), "SCENARIO: " + e.getMessage());
        }
    }

    private PipelineSpec attachModel(DemoScenario demo, PipelineSpec spec, Path models, PrintWriter out)
            throws java.io.IOException {
        Path cache = cacheDir != null ? cacheDir
                : Path.of(System.getProperty("user.home"), ".cache", "streamscore", "models");
        out.printf("Preparing the default model (%,d generated payments; trained once, then cached in %s)...%n",
                modelEvents, cache);
        out.flush();
        DemoModel.Attached model = DemoModel.attach(spec, demo.specFile(), models, cache, modelEvents);
        populationSeed = DemoModel.POPULATION_SEED;
        out.println(model.describe());
        out.flush();
        return model.spec();
    }

    private int run(DemoScenario demo, PipelineSpec spec, PrintWriter out) throws Exception {
        try (ShutdownSignal stop = new ShutdownSignal();
             LocalRuntime runtime = LocalRuntime.start(spec,
                     new LocalRuntime.Options(workDir, LocalRuntime.Options.DEFAULT_PARTITIONS, metricsPort))) {
            runtime.startJob(List.of());
            long startupMillis = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
            out.printf("Streamscore demo '%s': Kafka at %s; pipeline running. Started in %.1f s "
                    + "(Kafka %.1f s, Flink job %.1f s).%n",
                    demo.scenarioName(), runtime.bootstrapServers(), startupMillis / 1000.0,
                    runtime.kafkaStartMillis() / 1000.0, runtime.jobStartMillis() / 1000.0);
            out.println("Metrics: " + runtime.metricsUrl());
            if (runtime.servingUrl() != null) {
                out.println("Feature API: " + runtime.servingUrl() + "/{entity}");
                out.println("  e.g. curl " + runtime.servingUrl() + "/u-100000");
            }
            out.flush();
            DemoSummary summary = feedAndWatch(runtime, stop, demo, out, startupMillis);
            out.println("Summary: " + summary.statusLine() + (summary.unaccounted() == 0
                    ? " | every event accounted for" : " | unaccounted " + summary.unaccounted()));
            if (summary.qualityLine() != null) {
                out.println(summary.qualityLine());
            }
            if (summaryFile != null) {
                summary.write(summaryFile);
                out.println("Summary written to " + summaryFile);
            }
            out.flush();
            return summary.unaccounted() == 0 ? 0 : 2;
        }
    }

    private DemoSummary feedAndWatch(LocalRuntime runtime, ShutdownSignal stop, DemoScenario demo, PrintWriter out,
                                     long startupMillis) throws InterruptedException {
        PipelineSpec spec = runtime.spec();
        GeneratedStream stream = demo.primaryStream();
        SourceSpec source = DemoGenerator.sourceOf(spec, stream);
        long now = System.currentTimeMillis();
        GroundTruth records = new GroundTruth(new EventGenerator(DemoGenerator.configFor(demo, source, seed, now,
                rate > 0 ? rate : 10_000).populationSeed(populationSeed)
                .amountShift(amountShift, now + shiftAfter.toMillis())
                .build()), now);
        Map<GeneratedStream, String> topics = new EnumMap<>(GeneratedStream.class);
        topics.put(stream, source.topic());
        demo.joinedStreams().forEach(joined -> topics.put(joined, DemoGenerator.sourceOf(spec, joined).topic()));
        long started = System.nanoTime();
        try (AlertTable alertTable = new AlertTable(runtime.workDir().resolve("alerts.db"));
             OutputMonitor monitor = new OutputMonitor(runtime.bootstrapServers(), spec.outputs(), alertTable,
                     records);
             GeneratorProducer generator = new GeneratorProducer(runtime.bootstrapServers(), Map.of(),
                     topics, records, rate > 0, Long.MAX_VALUE);
             DashboardServer dashboard = DashboardServer.start(new DashboardModel(
                     new MetricsScraper(runtime.metricsUrl()), monitor.recentAlerts()), dashboardPort)) {
            out.println("Dashboard: " + dashboard.url());
            out.flush();
            Thread monitorThread = start(monitor, "streamscore-output-monitor");
            Thread generatorThread = start(generator, "streamscore-generator");
            long deadline = duration == null ? Long.MAX_VALUE : started + duration.toNanos();
            while (!stop.await(statusInterval) && System.nanoTime() < deadline && generator.isRunning()) {
                DemoSummary status = summary(demo, generator, monitor, secondsSince(started), runtime, startupMillis);
                out.println(status.statusLine() + DemoSummary.recentLatency(monitor.takeRecentLatency()));
                out.flush();
            }
            generator.stop();
            generatorThread.join();
            double generationSeconds = secondsSince(started);
            if (generator.failure() != null) {
                out.println("The generator stopped: could not write to Kafka: " + generator.failure());
            }
            out.println("Stopping: waiting for every generated event to reach an output...");
            out.flush();
            long drainDeadline = System.nanoTime() + drainTimeout.toNanos();
            while (monitor.snapshot().total() < generator.records(stream) && System.nanoTime() < drainDeadline) {
                Thread.sleep(200);
            }
            Thread.sleep(spec.outputs().checkpointInterval().toMillis()); // alerts commit with the same checkpoints
            DemoSummary summary = summary(demo, generator, monitor, generationSeconds, runtime, startupMillis);
            if (spec.stores().redis() != null) {
                summary = summary.withFeatureSync(featureSync(runtime, out));
            }
            monitor.close();
            monitorThread.join(10_000);
            printAlertTable(alertTable, out);
            return summary;
        }
    }

    /** The feature-store figures, read while the job and the serving API still run. */
    private static FeatureSyncFigures featureSync(LocalRuntime runtime, PrintWriter out) throws InterruptedException {
        try {
            PipelineSpec spec = runtime.spec();
            FeatureSyncFigures figures = FeatureSyncFigures.collect(spec.stores().redis(),
                    spec.joins().profiles() != null, runtime.metricsUrl(), runtime.servingUrl());
            out.println(figures.statusLine());
            if (figures.exampleUrl() != null) {
                out.printf("Serving check: GET %s -> HTTP %d %s%n", figures.exampleUrl(), figures.exampleStatus(),
                        figures.exampleBody());
            }
            return figures;
        } catch (java.io.IOException | RuntimeException e) {
            out.println("Could not read the feature store's figures: " + e);
            return null;
        }
    }

    private PipelineSpec withServingPort(PipelineSpec spec) {
        ServingSpec serving = spec.stores().serving();
        if (servingPort == null || serving == null) {
            return spec;
        }
        return spec.withStores(spec.stores()
                .withServing(new ServingSpec(serving.host(), servingPort, serving.token())));
    }

    private static void printAlertTable(AlertTable table, PrintWriter out) {
        long rows = table.rows();
        if (rows == 0) {
            return;
        }
        out.printf("Alerts table %s: %,d alerts; most alerted:%n", table.file(), rows);
        List<AlertTable.Entity> top = table.top(5);
        int width = top.stream().mapToInt(entity -> entity.key().length()).max().orElse(0);
        for (AlertTable.Entity entity : top) {
            out.printf("  %-" + width + "s %,6d  %s%n", entity.key(), entity.alerts(), String.join(", ",
                    entity.rules()));
        }
    }

    private static Thread start(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static double secondsSince(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    /** The figures now; {@code elapsed} is the time the generator has run (the rate excludes the final drain). */
    private static DemoSummary summary(DemoScenario demo, GeneratorProducer generator, OutputMonitor monitor,
                                       double elapsed, LocalRuntime runtime, long startupMillis) {
        return new DemoSummary(demo.scenarioName(), elapsed, generator.records(demo.primaryStream()),
                monitor.snapshot(),
                generator.transactions(RecordKind.OUT_OF_ORDER), generator.transactions(RecordKind.TOO_LATE),
                generator.transactions(RecordKind.MALFORMED), generator.records(GeneratedStream.LABELS),
                runtime.kafkaStartMillis(), runtime.jobStartMillis(), startupMillis, null);
    }
}
