package io.streamscore.registry;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Writes that a crash cannot leave half done: content goes to a temporary file in the target's directory, is
 * forced to disk, and is renamed over the target in one atomic step; the directory is then forced so the rename
 * itself survives a power loss. A reader sees the old file or the new one, never a mix.
 */
final class AtomicFileWriter {
    private AtomicFileWriter() {}

    /** Replaces {@code target} with {@code content} atomically. */
    static void replace(Path target, byte[] content) throws IOException {
        Path directory = target.toAbsolutePath().getParent();
        Path temporary = directory.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            writeDurably(temporary, content);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
        syncDirectory(directory);
    }

    /** Writes a new file and forces it to disk (for files inside a directory that is renamed into place later). */
    static void writeDurably(Path file, byte[] content) throws IOException {
        copyDurably(new ByteArrayInputStream(content), file);
    }

    /** Copies {@code source} into the new file {@code file} and forces it to disk. */
    static void copyDurably(InputStream source, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            source.transferTo(out);
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /** Forces a directory's entries (a rename, a new file) to disk. */
    static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Windows cannot open a directory as a channel. The rename is still atomic there; only its durability
            // across a power loss is left to the file system, which is the best the platform offers.
            if (!System.getProperty("os.name", "").startsWith("Windows")) {
                throw e;
            }
        }
    }
}
