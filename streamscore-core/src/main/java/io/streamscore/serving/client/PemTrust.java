package io.streamscore.serving.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * Certificate authorities to trust instead of the JVM's default trust store, from PEM text: for the Redis client,
 * the REST and gRPC clients of remote models, and the client certificates {@code streamscore serve --tls-client-ca}
 * accepts.
 */
public final class PemTrust {
    private PemTrust() {}

    /** The certificates in {@code pem} (PEM or DER); never empty. */
    public static List<X509Certificate> certificates(String pem) throws CertificateException {
        List<X509Certificate> certificates = CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.ISO_8859_1))).stream()
                .map(X509Certificate.class::cast).toList();
        if (certificates.isEmpty()) {
            throw new CertificateException("no certificate found");
        }
        return certificates;
    }

    /**
     * A TLS context for a client: trusting exactly the certificates of {@code caPem} (null: the JVM's trust store)
     * and presenting {@code identity} to servers that ask for a client certificate (null: none).
     */
    public static SSLContext sslContext(String caPem, TlsIdentity identity) throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(identity == null ? null : identity.keyManagers(),
                caPem == null ? null : trustManagers(caPem), null);
        return context;
    }

    /** Trust managers that trust exactly the certificates of {@code pem}. */
    public static TrustManager[] trustManagers(String pem) throws GeneralSecurityException {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            trusted.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot create an empty key store", e);
        }
        List<X509Certificate> certificates = certificates(pem);
        for (int i = 0; i < certificates.size(); i++) {
            trusted.setCertificateEntry("ca-" + i, certificates.get(i));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        return trust.getTrustManagers();
    }
}
