package io.streamscore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
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
        StringWriter err = new StringWriter();

        int exit = StreamscoreCommand.commandLine().setErr(new PrintWriter(err))
                .execute("serve", "--registry", missing.toString(), "--port", "0");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).startsWith("error: --registry " + missing + ": no registry there");
    }
}
