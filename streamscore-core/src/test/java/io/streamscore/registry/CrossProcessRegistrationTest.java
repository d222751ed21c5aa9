package io.streamscore.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two JVMs registering the same model at once: the file lock, not only the in-process lock, keeps versions apart. */
class CrossProcessRegistrationTest {
    private static final int PROCESSES = 2;
    private static final int PER_PROCESS = 10;

    @Test
    void registrationsFromTwoProcessesGetDistinctVersions(@TempDir Path root, @TempDir Path input) throws Exception {
        Path model = ManifestFixtures.modelFile(input, 1);
        Path go = input.resolve("go");
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < PROCESSES; i++) {
            processes.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Registrar.class.getName(), root.toString(),
                    model.toString(), go.toString()).inheritIO().start());
        }
        Files.createFile(go);
        for (Process process : processes) {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("registrar finished").isTrue();
            assertThat(process.exitValue()).isZero();
        }

        assertThat(ModelRegistry.open(root).versions("fraud"))
                .isEqualTo(IntStream.rangeClosed(1, PROCESSES * PER_PROCESS).boxed().toList());
    }

    /** A second process: waits for the start file, then registers {@link #PER_PROCESS} versions. */
    public static final class Registrar {
        public static void main(String[] args) throws IOException, InterruptedException {
            ModelRegistry registry = ModelRegistry.open(Path.of(args[0]));
            Path go = Path.of(args[2]);
            while (!Files.exists(go)) {
                Thread.sleep(5);
            }
            for (int i = 0; i < PER_PROCESS; i++) {
                registry.register("fraud", Path.of(args[1]), ManifestFixtures.draft());
            }
        }
    }
}
