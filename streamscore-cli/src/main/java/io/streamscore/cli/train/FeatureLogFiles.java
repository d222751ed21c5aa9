package io.streamscore.cli.train;

import io.streamscore.train.FeatureLogJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Reads a feature log and labels from JSON-lines files (one score record or label per line; blank lines skipped). */
final class FeatureLogFiles {
    private FeatureLogFiles() {}

    static void read(Path scores, Path labels, FeatureLogJson log) throws IOException {
        readLines(scores, log::addScoreRecord);
        readLines(labels, log::addLabel);
    }

    private static void readLines(Path file, Consumer<byte[]> sink) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    sink.accept(line.getBytes(StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(file + ":" + number + ": " + e.getMessage(), e);
                }
            }
        }
    }
}
