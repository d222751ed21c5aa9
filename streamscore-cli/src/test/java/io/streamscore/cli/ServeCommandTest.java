package io.streamscore.cli;

import static io.streamscore.cli.testing.CommandRun.streamscore;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.cli.testing.CommandRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code streamscore serve}'s checks before it serves anything. */
class ServeCommandTest {
    @TempDir
    Path dir;

    @Test
    void registryThatDoesNotExistIsRefusedBeforeServing() {
        Path missing = dir.resolve("no-such-registry");

        CommandRun run = streamscore("serve", "--registry", missing.toString(), "--port", "0");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).startsWith("error: --registry " + missing + ": no registry there");
        assertThat(run.out()).doesNotContain("Serving");
    }

    @Test
    void optionsThatDoNotGoTogetherAreAUsageErrorOnTheCommandsOwnStream() {
        Path cert = dir.resolve("cert.pem");

        CommandRun run = streamscore("serve", "--registry", dir.toString(), "--tls-cert", cert.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).startsWith("--tls-cert and --tls-key go together").contains("Usage: streamscore serve");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aPortOutOfRangeIsAUsageErrorNamingTheOption() {
        CommandRun run = streamscore("serve", "--registry", dir.toString(), "--port", "70000");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("70000").contains("Usage: streamscore serve");
    }
}
