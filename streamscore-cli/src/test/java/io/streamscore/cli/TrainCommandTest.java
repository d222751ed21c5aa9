package io.streamscore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamscore.cli.testing.FeatureLogFixture;
import io.streamscore.registry.ModelManifest;
import io.streamscore.registry.ModelRegistry;
import io.streamscore.spec.PipelineSpec;
import io.streamscore.spec.SpecLoader;
import io.streamscore.train.FeatureReplay;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code streamscore train} from files and from generated data, in-process, with real xgboost4j. */
class TrainCommandTest {
    static final Path FRAUD_SPEC = Path.of("../examples/fraud.yaml");

    @TempDir
    Path dir;

    @Test
    void trainsFromJsonLinesFilesAndRegistersAReproducibleModel() throws Exception {
        PipelineSpec spec = SpecLoader.load(FRAUD_SPEC);
        FeatureLogFixture log = FeatureLogFixture.generate(spec, 7, 20_000, 500);
        Path scores = writeLines(dir.resolve("scores.jsonl"), log.scoreRecords());
        Path labels = writeLines(dir.resolve("labels.jsonl"), log.labels());
        Path registry = dir.resolve("registry");

        String first = train("--features-file", scores.toString(), "--labels-file", labels.toString(),
                "--registry", registry.toString(), "--rounds", "60");
        train("--features-file", scores.toString(), "--labels-file", labels.toString(),
                "--registry", registry.toString(), "--rounds", "60", "--promote");

        assertThat(first).contains("registered fraud version 1", "held out").containsPattern("\\d+ events unlabeled");
        ModelRegistry models = ModelRegistry.open(registry);
        ModelManifest v1 = models.manifest("fraud", 1);
        ModelManifest v2 = models.manifest("fraud", 2);
        assertThat(v2.sha256()).as("same data, same model bytes").isEqualTo(v1.sha256());
        assertThat(models.champion("fraud")).map(ModelManifest::version).contains(2);
        assertThat(v1.featureNames()).isEqualTo(new FeatureReplay(spec).columns());
        assertThat(v1.metrics().get("auc")).isBetween(0.6, 1.0);
        assertThat(v1.metrics().get("holdout_positives")).isPositive();
        assertThat(v1.metrics()).containsKeys("pr_auc", "threshold", "precision", "recall", "train_rows");
        assertThat(v1.baselines().features().keySet()).containsExactlyInAnyOrderElementsOf(v1.featureNames());
        assertThat(v1.baselines().score().total()).isEqualTo(v1.metrics().get("holdout_rows").longValue());
    }

    /**
     * With a spec that joins clicks and profiles, the scores the pipeline wrote carry the join columns after the
     * features, and the model may use them: a model trained from that log has both, in the scoring order.
     */
    @Test
    void trainsOnTheJoinColumnsTheScoresCarry() throws Exception {
        Path joinSpec = Path.of("../examples/feature-sync.yaml");
        PipelineSpec spec = SpecLoader.load(joinSpec);
        List<String> joinColumns = spec.joins().columns();
        assertThat(joinColumns).contains("clicks_10m", "profile_risk");
        FeatureLogFixture log = FeatureLogFixture.generate(spec, 7, 20_000, 500);
        ObjectMapper json = new ObjectMapper();
        List<byte[]> withJoins = new ArrayList<>();
        for (byte[] record : log.scoreRecords()) {
            ObjectNode score = (ObjectNode) json.readTree(record);
            ObjectNode features = (ObjectNode) score.get("features");
            for (String column : joinColumns) {
                features.put(column, Math.floorMod(score.get("event_id").asText().hashCode(), 3));
            }
            withJoins.add(json.writeValueAsBytes(score));
        }
        Path scores = writeLines(dir.resolve("scores.jsonl"), withJoins);
        Path labels = writeLines(dir.resolve("labels.jsonl"), log.labels());
        Path registry = dir.resolve("registry");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exit = StreamscoreCommand.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute("train", joinSpec.toString(), "--name", "sync", "--features-file", scores.toString(),
                        "--labels-file", labels.toString(), "--registry", registry.toString(), "--rounds", "10");

        assertThat(exit).as(out + "\n" + err).isZero();
        assertThat(ModelRegistry.open(registry).manifest("sync", 1).featureNames())
                .isEqualTo(spec.joins().columnsAfter(new FeatureReplay(spec).columns()));
    }

    @Test
    void trainsFromGeneratedDataWithTheHoldoutAfterTheTrainingRange() throws Exception {
        Path registry = dir.resolve("registry");
        String output = train("--generate", "fraud", "--events", "20000", "--seed", "3", "--registry",
                registry.toString(), "--rounds", "40", "--promote");
        assertThat(output).contains("generated 20,000 payments (seed 3", "0 events unlabeled",
                "registered fraud version 1 as the champion");
        ModelManifest manifest = ModelRegistry.open(registry).champion("fraud").orElseThrow();
        assertThat(manifest.trainingTimeRange().fromMillis()).isLessThan(manifest.trainingTimeRange().toMillis());
        assertThat(manifest.selfCheck().rows()).isNotEmpty();
        assertThat(Arrays.stream(manifest.selfCheck().rows().get(0).features()).count())
                .isEqualTo(manifest.featureNames().size());
    }

    @Test
    void tooFewEventsForBothClassesIsRefusedBeforeXGBoostWithTheCounts() {
        Path registry = dir.resolve("registry");
        StringWriter err = new StringWriter();

        int exit = execute(new StringWriter(), err, "--generate", "fraud", "--events", "100", "--registry",
                registry.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).startsWith("error: cannot train on this training set: the training rows hold "
                        + "0 fraud")
                .containsPattern("holdout 0 fraud and \\d+ legitimate").contains("--events (100 now")
                .doesNotContain("base_score");
        assertThat(registry).doesNotExist();
    }

    @Test
    void announceIsRefusedBeforeTrainingWithoutAPromotionOrAClusterToAnnounceOn() {
        Path registry = dir.resolve("registry");
        StringWriter withoutPromote = new StringWriter();
        StringWriter embedded = new StringWriter();

        int first = execute(new StringWriter(), withoutPromote, "--generate", "fraud", "--registry",
                registry.toString(), "--announce");
        int second = execute(new StringWriter(), embedded, "--generate", "fraud", "--registry", registry.toString(),
                "--promote", "--announce");

        assertThat(first).isEqualTo(2);
        assertThat(withoutPromote.toString()).startsWith("--announce announces a promotion: add --promote");
        assertThat(second).isEqualTo(2);
        assertThat(embedded.toString()).startsWith("--announce: the spec's kafka.bootstrap is `embedded`")
                .contains("--bootstrap");
        assertThat(registry).as("refused before anything was trained").doesNotExist();
    }

    @Test
    void aModelNameOrRegistryTheRegistryWouldRefuseIsRefusedBeforeTraining() throws Exception {
        Path registryFile = Files.writeString(dir.resolve("registry.txt"), "not a directory");
        StringWriter badName = new StringWriter();
        StringWriter fileRegistry = new StringWriter();
        StringWriter out = new StringWriter();

        int first = StreamscoreCommand.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(badName))
                .execute("train", FRAUD_SPEC.toString(), "--name", "Fraud Model", "--generate", "fraud",
                        "--registry", dir.resolve("registry").toString());
        int second = execute(out, fileRegistry, "--generate", "fraud", "--registry", registryFile.toString());

        assertThat(first).isEqualTo(2);
        assertThat(badName.toString()).startsWith("--name: 'Fraud Model' is not a valid model name");
        assertThat(second).isEqualTo(1);
        assertThat(fileRegistry.toString()).contains("registry " + registryFile + " is a file, not a directory");
        assertThat(out.toString()).as("nothing generated or trained").isEmpty();
    }

    @Test
    void announceIsRefusedBeforeTrainingWhenThePipelineReadsAnotherRegistry() throws Exception {
        Files.createDirectories(dir.resolve("pipeline"));
        String fraud = Files.readString(FRAUD_SPEC);
        Path spec = Files.writeString(dir.resolve("pipeline").resolve("fraud.yaml"),
                fraud + "\nmodel:\n  registry: models\n  name: fraud\n  threshold: 0.5\n",
                java.nio.file.StandardOpenOption.CREATE_NEW);
        Path elsewhere = dir.resolve("models");
        StringWriter err = new StringWriter();
        StringWriter same = new StringWriter();

        int refused = StreamscoreCommand.commandLine().setOut(new PrintWriter(new StringWriter()))
                .setErr(new PrintWriter(err)).execute("train", spec.toString(), "--name", "fraud", "--bootstrap",
                        "127.0.0.1:9", "--registry", elsewhere.toString(), "--promote", "--announce");
        int accepted = StreamscoreCommand.commandLine().setOut(new PrintWriter(new StringWriter()))
                .setErr(new PrintWriter(same)).execute("train", spec.toString(), "--name", "fraud", "--bootstrap",
                        "127.0.0.1:9", "--read-timeout", "1s", "--registry", dir.resolve("pipeline/models").toString(),
                        "--promote", "--announce");

        assertThat(refused).isEqualTo(2);
        assertThat(err.toString()).startsWith("--announce: the pipeline reads model 'fraud' from its model.registry "
                + dir.resolve("pipeline/models").toAbsolutePath().normalize()).contains("--registry " + elsewhere);
        assertThat(accepted).as("the same registry passes; reading the absent cluster fails later").isNotEqualTo(2);
        assertThat(same.toString()).doesNotContain("--announce");
    }

    private String train(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = execute(out, err, args);
        assertThat(exit).as(out + "\n" + err).isZero();
        return out.toString();
    }

    private static int execute(StringWriter out, StringWriter err, String... args) {
        List<String> line = new ArrayList<>(List.of("train", FRAUD_SPEC.toString(), "--name", "fraud"));
        line.addAll(List.of(args));
        return StreamscoreCommand.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(line.toArray(String[]::new));
    }

    static Path writeLines(Path file, List<byte[]> lines) throws java.io.IOException {
        try (var out = Files.newOutputStream(file)) {
            for (byte[] line : lines) {
                out.write(line);
                out.write('\n');
            }
        }
        return file;
    }
}
