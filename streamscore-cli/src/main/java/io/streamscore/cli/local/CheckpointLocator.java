package io.streamscore.cli.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the checkpoint to resume from in a local checkpoint directory ({@code <dir>/<job id>/chk-<n>}). Only a
 * checkpoint with its {@code _metadata} file is complete: the newest {@code chk-<n>} directory can be a checkpoint
 * that was still being written when the process died.
 */
public final class CheckpointLocator {
    private static final Pattern CHECKPOINT = Pattern.compile("chk-(\\d+)");

    private CheckpointLocator() {}

    /** The newest complete checkpoint under {@code checkpointDir} (a path or a file:// URI), across all jobs. */
    public static Optional<Path> latestComplete(String checkpointDir) {
        Path root = checkpointDir.startsWith("file:") ? Path.of(URI.create(checkpointDir)) : Path.of(checkpointDir);
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> jobs = Files.list(root)) {
            return jobs.filter(Files::isDirectory)
                    .flatMap(CheckpointLocator::checkpoints)
                    .filter(chk -> Files.isRegularFile(chk.resolve("_metadata")))
                    .max(Comparator.comparingLong(CheckpointLocator::modified)
                            .thenComparingLong(CheckpointLocator::number));
        } catch (IOException e) {
            throw new UncheckedIOException("could not list checkpoints in " + root, e);
        }
    }

    /**
     * What keeps {@code path} from being restored, or empty: it must be a checkpoint or savepoint directory holding
     * {@code _metadata}, or that file itself. Flink finds out only when the job starts, as a stack trace.
     */
    public static Optional<String> restoreProblem(Path path) {
        if (!Files.exists(path)) {
            return Optional.of(path + " does not exist");
        }
        if (Files.isDirectory(path) && !Files.isRegularFile(path.resolve("_metadata"))) {
            return Optional.of(path + " is not a complete checkpoint or savepoint: it holds no _metadata file");
        }
        return Optional.empty();
    }

    private static Stream<Path> checkpoints(Path jobDir) {
        try {
            return Files.list(jobDir).filter(path -> CHECKPOINT.matcher(path.getFileName().toString()).matches())
                    .toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + jobDir, e);
        }
    }

    private static long number(Path checkpoint) {
        Matcher matcher = CHECKPOINT.matcher(checkpoint.getFileName().toString());
        return matcher.matches() ? Long.parseLong(matcher.group(1)) : -1;
    }

    private static long modified(Path checkpoint) {
        try {
            return Files.getLastModifiedTime(checkpoint.resolve("_metadata")).toMillis();
        } catch (IOException e) {
            return Long.MIN_VALUE;
        }
    }
}
