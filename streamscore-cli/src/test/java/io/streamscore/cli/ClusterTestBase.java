package io.streamscore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.cli.local.EmbeddedKafkaBroker;
import io.streamscore.cli.testing.FlinkTestCluster;
import io.streamscore.registry.ModelRegistry;
import io.streamscore.spec.PipelineSpec;
import io.streamscore.spec.SpecLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * Vocabulary of the tests against a real Flink cluster (separate JobManager and TaskManager processes started by
 * deploy/flink-cluster.sh) and the embedded Kafka broker in the test JVM: the fraud example spec, and the
 * {@code submit} and {@code stop} commands as a user types them.
 */
abstract class ClusterTestBase extends PipelineTestBase {
    static final Path FRAUD_EXAMPLE = Path.of("..", "examples", "fraud.yaml");

    /**
     * The fraud example as shipped, with a 1 s checkpoint interval (outputs show up sooner) and the given alert
     * threshold instead of 5 small payments; written to {@code dir}.
     */
    static Path fraudSpec(Path dir, int smallPaymentsForAlert) throws Exception {
        String yaml = Files.readString(FRAUD_EXAMPLE)
                .replace("checkpoint_interval: 2s", "checkpoint_interval: 1s")
                .replace("'card_small_tx_10m >= 5'", "'card_small_tx_10m >= " + smallPaymentsForAlert + "'");
        assertThat(yaml).contains("checkpoint_interval: 1s", "card_small_tx_10m >= " + smallPaymentsForAlert);
        Path file = Files.createDirectories(dir).resolve("fraud-" + smallPaymentsForAlert + ".yaml");
        Files.writeString(file, yaml);
        return file;
    }

    /** Sets the spec's {@code runtime.state_backend} ({@code hashmap} as shipped, or {@code rocksdb}). */
    static Path withStateBackend(Path specFile, String backend) throws Exception {
        String yaml = Files.readString(specFile).replace("state_backend: hashmap", "state_backend: " + backend);
        assertThat(yaml).contains("state_backend: " + backend);
        Files.writeString(specFile, yaml);
        return specFile;
    }

    /** Sets the spec's {@code runtime.parallelism} (2 as shipped). */
    static Path withParallelism(Path specFile, int parallelism) throws Exception {
        String yaml = Files.readString(specFile);
        assertThat(yaml).contains("\n  parallelism: 2\n");
        Files.writeString(specFile, yaml.replace("\n  parallelism: 2\n", "\n  parallelism: " + parallelism + "\n"));
        return specFile;
    }

    /**
     * Appends a {@code model} section to the spec: the champion of {@code name} in {@code registry} scores every
     * payment (threshold 0.5).
     */
    static Path withModel(Path specFile, ModelRegistry registry, String name) throws Exception {
        String model = """

                model:
                  registry: %s
                  name: %s
                  threshold: 0.5
                """.formatted(registry.root().toAbsolutePath(), name);
        Files.writeString(specFile, Files.readString(specFile) + model);
        return specFile;
    }

    static PipelineSpec load(Path specFile) {
        return SpecLoader.load(specFile);
    }

    static EmbeddedKafkaBroker startBroker(Path dir, PipelineSpec spec) {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir, 0);
        broker.createTopics(io.streamscore.cli.local.LocalRuntime.topics(spec, 2));
        return broker;
    }

    /** {@code streamscore submit SPEC --jobmanager ... --bootstrap-servers ... [--from-savepoint PATH]}; the job id. */
    static String submit(FlinkTestCluster cluster, Path spec, String bootstrap, String savepoint) {
        List<String> args = new ArrayList<>(List.of("submit", spec.toString(), "--jobmanager", cluster.jobManager(),
                "--bootstrap-servers", bootstrap, "--job-jar", FlinkTestCluster.JOB_JAR.toString()));
        if (savepoint != null) {
            args.addAll(List.of("--from-savepoint", savepoint));
        }
        return execute(args).strip();
    }

    /** {@code streamscore stop JOBID --jobmanager ... --savepoint DIR}; the savepoint's path. */
    static String stopWithSavepoint(FlinkTestCluster cluster, String jobId, Path dir) {
        return execute(List.of("stop", jobId, "--jobmanager", cluster.jobManager(), "--savepoint",
                dir.toUri().toString()))
                .strip();
    }

    private static String execute(List<String> args) {
        CommandLine command = StreamscoreCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        int exit = command.execute(args.toArray(String[]::new));
        assertThat(exit).as("streamscore %s failed: %s", args.get(0), err).isZero();
        return out.toString();
    }
}
