package io.streamscore.spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The PEM files a spec names ({@code tls_ca_file}, {@code tls_cert_file}, {@code tls_key_file}): a path written in
 * the spec ({@code ${NAME}} resolved, relative to the spec's folder) and its text, read when the spec loads so a
 * missing or unreadable file is a spec error on its key.
 */
final class PemFiles {
    private static final Pattern PEM_BLOCK = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----");

    private PemFiles() {}

    /** The path written at {@code node}, variables resolved; null when it is not text (reported). */
    static String path(SpecNode node, SpecSecrets secrets) {
        String written = node.text(); // null: reported
        return written == null ? null : secrets.interpolate(node, written.trim());
    }

    /**
     * Why a PEM file that should hold {@code wanted} yields no certificate: what it holds instead when it has PEM
     * blocks but no certificate (a private key given for a certificate is the usual slip), else the parser's
     * {@code reason}.
     */
    static String noCertificate(String pem, String wanted, String reason) {
        List<String> labels = PEM_BLOCK.matcher(pem).results().map(block -> block.group(1)).distinct().toList();
        if (labels.isEmpty() || labels.contains("CERTIFICATE")) {
            return "holds no readable certificate: " + reason;
        }
        String label = labels.get(0);
        String held = label.endsWith("PRIVATE KEY") ? "a private key" : "a " + label.toLowerCase(Locale.ROOT);
        return "holds " + held + " (`-----BEGIN " + label + "-----`), not " + wanted;
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
