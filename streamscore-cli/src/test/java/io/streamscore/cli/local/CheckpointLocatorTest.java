package io.streamscore.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointLocatorTest {
    @TempDir
    Path root;

    private Path checkpoint(String job, int number, boolean complete, long modifiedMillis) throws Exception {
        Path chk = Files.createDirectories(root.resolve(job).resolve("chk-" + number));
        if (complete) {
            Path metadata = Files.writeString(chk.resolve("_metadata"), "m");
            Files.setLastModifiedTime(metadata, FileTime.fromMillis(modifiedMillis));
        }
        return chk;
    }

    @Test
    void picksTheNewestCheckpointThatHasMetadata() throws Exception {
        checkpoint("job-a", 3, true, 1_000);
        Path newest = checkpoint("job-a", 4, true, 2_000);
        checkpoint("job-a", 5, false, 0);

        assertThat(CheckpointLocator.latestComplete(root.toString())).contains(newest);
    }

    @Test
    void looksAcrossJobsOfEarlierRunsAndAcceptsFileUris() throws Exception {
        checkpoint("job-a", 9, true, 1_000);
        Path laterRun = checkpoint("job-b", 2, true, 5_000);
        Files.createDirectories(root.resolve("job-b").resolve("shared"));

        assertThat(CheckpointLocator.latestComplete(root.toUri().toString())).contains(laterRun);
    }

    @Test
    void emptyWhenThereIsNoCompleteCheckpoint() throws Exception {
        checkpoint("job-a", 1, false, 0);

        assertThat(CheckpointLocator.latestComplete(root.toString())).isEmpty();
        assertThat(CheckpointLocator.latestComplete(root.resolve("missing").toString())).isEmpty();
    }
}
