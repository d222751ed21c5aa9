package io.streamscore.spec;

import io.streamscore.serving.client.PemTrust;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * The certificate authorities a TLS client trusts instead of the JVM's default trust store: a private CA's PEM file
 * named in the spec ({@code tls_ca_file}). The file is read and parsed when the spec is loaded, so a missing or
 * unreadable file is a spec error before anything starts, and the certificates travel with the spec to every
 * TaskManager of a cluster (no file to distribute). Certificates are public; the record prints as its path.
 *
 * @param path the absolute path the certificates were read from (for messages)
 * @param pem the PEM text: one or more {@code -----BEGIN CERTIFICATE-----} blocks
 */
public record TlsCaFile(String path, String pem) implements Serializable {
    public TlsCaFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(pem, "pem");
    }

    /**
     * Reads and checks a PEM file.
     *
     * @throws IOException when the file cannot be read
     * @throws CertificateException when it holds no X.509 certificate in PEM (or DER) form
     */
    public static TlsCaFile read(Path file) throws IOException, CertificateException {
        TlsCaFile ca = new TlsCaFile(file.toString(), Files.readString(file, StandardCharsets.ISO_8859_1));
        ca.certificates();
        return ca;
    }

    /**
     * A {@code tls_ca_file} key: its path (relative to the spec's folder, {@code ${NAME}} resolved) read and checked
     * now, so a bad file stops the spec, not the first connection; null when absent or wrong (reported).
     *
     * @param offProblem null when TLS is on; else the problem to report for a CA file that cannot matter
     * @param offFix     with {@code offProblem}: how to fix it
     */
    static TlsCaFile fromSpec(SpecNode node, SpecSecrets secrets, Path baseDir, String offProblem, String offFix) {
        if (!node.isPresent()) {
            return null;
        }
        String path = PemFiles.path(node, secrets);
        if (path == null) {
            return null;
        }
        if (offProblem != null) {
            node.error(offProblem, offFix);
            return null;
        }
        String fix = "write the path of the PEM file holding the certificate of the CA that signed the server's "
                + "certificate (`-----BEGIN CERTIFICATE-----`; relative to the spec's folder)";
        String pem = PemFiles.read(node, baseDir, path, "CA file ", fix);
        if (pem == null) {
            return null;
        }
        TlsCaFile ca = new TlsCaFile(PemFiles.resolve(baseDir, path).toString(), pem);
        try {
            ca.certificates();
            return ca;
        } catch (CertificateException e) {
            node.error("CA file '" + path + "' " + PemFiles.noCertificate(pem, "a CA certificate", e.getMessage()),
                    fix);
            return null;
        }
    }

    /** The certificates in the file; never empty. */
    public List<X509Certificate> certificates() throws CertificateException {
        return PemTrust.certificates(pem);
    }

    @Override
    public String toString() {
        return path;
    }
}
