package io.streamscore.cli;

import static io.streamscore.cli.testing.CommandRun.streamscore;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.cli.testing.CommandRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint directory a local run cannot use is one error line naming {@code outputs.checkpoint_dir}, before the
 * broker or the MiniCluster start; it used to be Flink's "Could not start the JobMaster" stack trace after them.
 */
class CheckpointDirectoryTest {
    @TempDir
    Path dir;

    private Path spec(String checkpointDir) throws IOException {
        return Files.writeString(dir.resolve("spec.yaml"), """
                name: fraud
                sources:
                  transactions: {topic: transactions, schema: transaction, key: user_id, event_time: event_time}
                outputs:
                  scores_topic: s
                  alerts_topic: a
                  late_topic: l
                  dead_letter_topic: d
                  checkpoint_dir: %s
                """.formatted(checkpointDir));
    }

    @Test
    void aSchemeWithoutAFileSystemHereIsRefused() throws IOException {
        CommandRun run = streamscore("run", spec("s3://bucket/checkpoints").toString(), "--metrics-port", "0");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).startsWith("error: outputs.checkpoint_dir: s3://bucket/checkpoints: a local run has no "
                + "file system for `s3://`").doesNotContain("\tat ");
        assertThat(run.out()).doesNotContain("running");
    }

    @Test
    void aFolderThatCannotBeCreatedIsRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "not a folder");

        CommandRun run = streamscore("run", spec(file.resolve("checkpoints").toString()).toString(),
                "--metrics-port", "0");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).startsWith("error: outputs.checkpoint_dir: file:")
                .contains(file.resolve("checkpoints") + " cannot be created").doesNotContain("\tat ");
    }

    @Test
    void resumingFromAPathThatIsNoCheckpointIsAUsageError() {
        String missingPath = dir.resolve("nope").toString();
        CommandRun missing = streamscore("run", "../examples/fraud.yaml", "--resume-from", missingPath);
        CommandRun notCheckpoint = streamscore("run", "../examples/fraud.yaml", "--resume-from", dir.toString());

        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("--resume-from: " + dir.resolve("nope") + " does not exist; give a "
                + "checkpoint directory (chk-<n>) or a savepoint directory, or `latest`");
        assertThat(notCheckpoint.exit()).isEqualTo(2);
        assertThat(notCheckpoint.err()).contains("--resume-from: " + dir + " is not a complete checkpoint or "
                + "savepoint: it holds no _metadata file");
    }

    /** `latest` with nothing to resume is refused before the embedded broker starts (it was refused after it). */
    @Test
    void resumingFromLatestWithNothingToResumeIsAUsageErrorBeforeAnythingStarts() {
        Path workDir = dir.resolve("run");
        CommandRun temporary = streamscore("run", "../examples/fraud.yaml", "--resume-from", "latest");
        CommandRun empty = streamscore("run", "../examples/fraud.yaml", "--work-dir", workDir.toString(),
                "--resume-from", "latest");

        assertThat(temporary.exit()).isEqualTo(2);
        assertThat(temporary.err()).contains("--resume-from latest: a run without --work-dir (or a checkpoint_dir in "
                + "the spec) keeps no checkpoints to resume from");
        assertThat(empty.exit()).isEqualTo(2);
        assertThat(empty.err()).contains("--resume-from latest: no complete checkpoint in "
                + workDir.toAbsolutePath().resolve("checkpoints").toUri());
        assertThat(workDir).as("no broker, no run directory").doesNotExist();
    }

    /** Dropping a checkpoint's state means nothing without a checkpoint: said before anything starts. */
    @Test
    void allowingNonRestoredStateWithoutResumingIsAUsageError() {
        CommandRun run = streamscore("run", "../examples/fraud.yaml", "--allow-non-restored-state");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--allow-non-restored-state applies only to a restore: give --resume-from too");
        assertThat(run.out()).doesNotContain("running");
    }
}
