package io.streamscore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
    private final StringWriter output = new StringWriter();

    private int validate(Path... specs) {
        String[] args = new String[specs.length + 1];
        args[0] = "validate";
        for (int i = 0; i < specs.length; i++) {
            args[i + 1] = specs[i].toString();
        }
        return StreamscoreCommand.commandLine().setOut(new PrintWriter(output)).execute(args);
    }

    @Test
    void theShippedExampleIsValid() {
        assertThat(validate(Path.of("../examples/fraud.yaml"))).isZero();
        assertThat(output.toString()).contains("fraud.yaml: OK");
    }

    @Test
    void theFeatureStoreExampleIsValidAndShowsItsStores() {
        assertThat(validate(Path.of("../examples/feature-store.yaml"))).isZero();
        assertThat(output.toString()).contains("feature-store.yaml: OK")
                .contains("    stores.redis: address embedded, key_prefix fs:user:, ttl 7d, source transactions, "
                        + "entity user_id, features [user_spend_5m, ")
                .contains("    stores.serving: host 127.0.0.1, port 7070\n");
    }

    @Test
    void theFeatureSyncExampleWithJoinsIsValid() {
        assertThat(io.streamscore.spec.SpecLoader.check(Path.of("../examples/feature-sync.yaml"))).isEmpty();
        assertThat(validate(Path.of("../examples/feature-sync.yaml"))).isZero();
    }

    @Test
    void missingFileIsOneProblemWithoutAnEmptyPath() {
        assertThat(validate(Path.of("nosuch.yaml"))).isEqualTo(1);

        assertThat(output.toString()).startsWith("nosuch.yaml: spec file ").contains("nosuch.yaml does not exist")
                .doesNotContain(": :");
    }

    @Test
    void printsEveryProblemWithItsPathAndFixAndFails(@TempDir Path dir) throws Exception {
        Path spec = Files.writeString(dir.resolve("bad.yaml"), """
                name: Bad Name
                sources:
                  tx:
                    topic: transactions
                    schema: transaction
                    key: user_id
                    event_time: event_time
                    allowedLateness: 30s
                    idleness: 30
                outputs:
                  scores_topic: scores
                  alerts_topic: scores
                  late_topic: late
                  dead_letter_topic: dlq
                  guarantee: exactly-once
                """);

        assertThat(validate(spec)).isEqualTo(1);

        assertThat(output.toString())
                .contains("bad.yaml: name:")
                .contains("sources.tx.allowedLateness:").contains("allowed_lateness")
                .contains("sources.tx.idleness:")
                .contains("outputs.alerts_topic:")
                .contains("outputs.guarantee:").contains("exactly_once")
                .contains("fix:")
                .containsPattern("[5-9] problem\\(s\\) found");
    }
}
