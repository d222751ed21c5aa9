package io.streamscore.spec;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

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

    /** The certificates in the file; never empty. */
    public List<X509Certificate> certificates() throws CertificateException {
        List<X509Certificate> certificates = CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.ISO_8859_1))).stream()
                .map(X509Certificate.class::cast).toList();
        if (certificates.isEmpty()) {
            throw new CertificateException("no certificate found");
        }
        return certificates;
    }

    /** A TLS context that trusts exactly these certificates (server identity is checked by the socket's caller). */
    public SSLContext sslContext() throws GeneralSecurityException {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            trusted.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot create an empty key store", e);
        }
        List<X509Certificate> certificates = certificates();
        for (int i = 0; i < certificates.size(); i++) {
            trusted.setCertificateEntry("ca-" + i, certificates.get(i));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    @Override
    public String toString() {
        return path;
    }
}
