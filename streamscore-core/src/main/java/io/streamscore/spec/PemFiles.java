package io.streamscore.spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The PEM files a spec names ({@code tls_ca_file}, {@code tls_cert_file}, {@code tls_key_file}): a path written in
 * the spec ({@code ${NAME}} resolved, relative to the spec's folder) and its text, read when the spec loads so a
 * missing or unreadable file is a spec error on its key.
 */
final class PemFiles {
    private PemFiles() {}

    /** The path written at {@code node}, variables resolved; null when it is not text (reported). */
    static String path(SpecNode node, SpecSecrets secrets) {
        String written = node.text(); // null: reported
        return written == null ? null : secrets.interpolate(node, written.trim());
    }

    static Path resolve(Path baseDir, String path) {
        return baseDir.resolve(path).toAbsolutePath().normalize();
    }

    /**
     * The file's text, or null when it cannot be read (reported on {@code node} as {@code label + "'path' ..."}).
     *
     * @param label what the file is, before its quoted path in messages, e.g. {@code "CA file "}; may be empty
     */
    static String read(SpecNode node, Path baseDir, String path, String label, String fix) {
        try {
            return Files.readString(resolve(baseDir, path), StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException | InvalidPathException e) {
            node.error(label + "'" + path + "' does not exist", fix);
        } catch (IOException e) {
            node.error("cannot read " + label + "'" + path + "': " + e.getMessage(), fix);
        }
        return null;
    }
}
