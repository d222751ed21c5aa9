package io.streamscore.cli.local;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.UnsupportedFileSystemSchemeException;

/**
 * Checks, before a local run starts anything, that its checkpoint directory can be used: this process has a Flink file
 * system for its scheme, and a local directory can be created and written. Flink finds either only when the job
 * starts, after the broker and the MiniCluster are up, as a stack trace ending in "Could not start the JobMaster" /
 * "Failed to create checkpoint storage": a spec that validated would then fail on its configuration.
 */
final class CheckpointDirectoryCheck {
    private static final String FIELD = "outputs.checkpoint_dir";

    private CheckpointDirectoryCheck() {}

    /** @throws IllegalArgumentException naming {@code outputs.checkpoint_dir} and the fix */
    static void verify(String checkpointDir) {
        URI uri = URI.create(checkpointDir);
        try {
            FileSystem.get(uri);
        } catch (UnsupportedFileSystemSchemeException e) {
            throw new IllegalArgumentException(FIELD + ": " + checkpointDir + ": a local run has no file system for `"
                    + uri.getScheme() + "://` (Flink's file system plugins exist only on a cluster); write a local "
                    + "folder or file:///... for `run`, or submit the job to a cluster that has the plugin");
        } catch (IOException e) {
            throw new IllegalArgumentException(FIELD + ": " + checkpointDir + ": " + e.getMessage());
        }
        if ("file".equals(uri.getScheme())) {
            verifyLocal(checkpointDir, Path.of(uri));
        }
    }

    private static void verifyLocal(String checkpointDir, Path dir) {
        String fix = "; write a folder this user can create and write, or fix its permissions";
        try {
            Files.createDirectories(dir);
        } catch (FileSystemException e) {
            String reason = e.getReason() == null ? e.getClass().getSimpleName() : e.getReason();
            throw new IllegalArgumentException(FIELD + ": " + checkpointDir + " cannot be created (" + e.getFile()
                    + ": " + reason + ")" + fix);
        } catch (IOException e) {
            throw new IllegalArgumentException(FIELD + ": " + checkpointDir + " cannot be created (" + e + ")" + fix);
        }
        if (!Files.isWritable(dir)) {
            throw new IllegalArgumentException(FIELD + ": " + checkpointDir + " is not writable" + fix);
        }
    }
}
