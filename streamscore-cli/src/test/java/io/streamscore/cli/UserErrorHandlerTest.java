package io.streamscore.cli;

import static io.streamscore.cli.testing.CommandRun.streamscore;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.cli.testing.CommandRun;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Common mistakes end in one clear line, not a stack trace; bugs keep theirs. */
class UserErrorHandlerTest {
    private static final String FRAUD_SPEC = "../examples/fraud.yaml";

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    @Test
    void unknownDemoScenarioIsAUsageErrorListingTheScenarios() {
        CommandRun run = streamscore("demo", "frud");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("SCENARIO: no demo scenario named 'frud'; available: [fraud, ")
                .doesNotContain("Exception");
    }

    @Test
    void submittingASpecWithTheEmbeddedRedisIsRefusedBeforeAnythingIsUploaded() {
        CommandRun run = streamscore("submit", "../examples/feature-store.yaml", "--jobmanager", "127.0.0.1:1",
                "--bootstrap-servers", "127.0.0.1:1");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).startsWith("error: the spec's stores.redis.address is `embedded`")
                .contains("set it to a Redis server the Flink cluster reaches").doesNotContain("Exception");
    }

    @Test
    void missingSpecFileIsOneErrorNamingTheFile() {
        CommandRun run = streamscore("run", "nosuch.yaml");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).startsWith("error: nosuch.yaml has 1 problem(s):")
                .contains("nosuch.yaml does not exist").contains("fix: check the path")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void invalidSpecListsEveryProblemWithItsFix() throws Exception {
        Path spec = Files.writeString(dir.resolve("bad.yaml"), "name: Bad Name\n");

        CommandRun run = streamscore("train", spec.toString(), "--registry", dir.resolve("r").toString(), "--name", "m",
                "--generate", "fraud");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).startsWith("error: " + spec + " has ").contains("  name: ").contains("    fix: ")
                .doesNotContain("Exception");
    }

    @Test
    void missingFeaturesFileIsAUsageErrorNamingTheOption() {
        CommandRun run = streamscore("train", FRAUD_SPEC, "--registry", dir.toString(), "--name", "m",
                "--features-file", "/nope.jsonl", "--labels-file", "/nope-labels.jsonl");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--features-file: /nope.jsonl does not exist")
                .doesNotContain("Exception");
    }

    @Test
    void holdoutOutOfRangeFailsBeforeGeneratingData() {
        long started = System.nanoTime();

        CommandRun run = streamscore("train", FRAUD_SPEC, "--registry", dir.toString(), "--name", "m",
                "--generate", "fraud", "--holdout", "1.5");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--holdout: 1.5").contains("between 0 and 1");
        assertThat(run.out()).doesNotContain("generated");
        assertThat(System.nanoTime() - started).as("no data generated").isLessThan(5_000_000_000L);
    }

    @Test
    void specWithoutPaymentsIsRefusedByGenerate() {
        CommandRun run = streamscore("generate", "--stdout", "--count", "1", "--spec",
                "../examples/clickstream-bots.yaml");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--spec ../examples/clickstream-bots.yaml: pipeline ")
                .contains("schema: transaction").doesNotContain("Exception");
    }

    @Test
    void fileErrorsSayWhatIsWrongWithTheFile() {
        CommandLine line = failingWith(new java.nio.file.NoSuchFileException("/data/scores.jsonl"));

        assertThat(line.execute()).isEqualTo(1);

        assertThat(err.toString()).isEqualToIgnoringNewLines("error: /data/scores.jsonl: no such file or directory");
    }

    @Test
    void causeIsAddedWhenItSaysMore() {
        CommandLine line = failingWith(new java.io.UncheckedIOException("could not create the run directory",
                new java.nio.file.AccessDeniedException("/runs")));

        assertThat(line.execute()).isEqualTo(1);

        assertThat(err.toString()).contains("error: could not create the run directory: /runs: permission denied");
    }

    @Test
    void unexpectedExceptionKeepsItsStackTrace() {
        CommandLine line = failingWith(new IllegalStateException("invariant broken"));

        assertThat(line.execute()).isEqualTo(1);

        assertThat(err.toString()).contains("java.lang.IllegalStateException: invariant broken").contains("\tat ");
    }

    private CommandLine failingWith(Exception error) {
        Callable<Integer> failing = () -> {
            throw error;
        };
        return new CommandLine(new Failing(failing)).setErr(new PrintWriter(err))
                .setExecutionExceptionHandler(new UserErrorHandler());
    }

    @CommandLine.Command(name = "failing")
    static final class Failing implements Callable<Integer> {
        private final Callable<Integer> body;

        Failing(Callable<Integer> body) {
            this.body = body;
        }

        @Override
        public Integer call() throws Exception {
            return body.call();
        }
    }
}
