package io.streamscore.serving;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The certificate and key {@code streamscore serve} presents when it serves over TLS ({@code --tls-cert},
 * {@code --tls-key}): PEM files, the key unencrypted PKCS#8 ({@code -----BEGIN PRIVATE KEY-----}, RSA or EC; {@code
 * openssl pkcs8 -topk8 -nocrypt} converts others). Both are read and checked when the server starts.
 *
 * @param certificateChain the server's certificate first, then any intermediates
 * @param privateKey       the certificate's key
 */
public record ServerTls(Path certificateChain, Path privateKey) {
    public ServerTls {
        Objects.requireNonNull(certificateChain, "certificateChain");
        Objects.requireNonNull(privateKey, "privateKey");
    }

    /** A server TLS context presenting the certificate chain with its key. */
    public SSLContext sslContext() throws IOException, GeneralSecurityException {
        Certificate[] chain;
        try (InputStream in = Files.newInputStream(certificateChain)) {
            chain = CertificateFactory.getInstance("X.509").generateCertificates(in).toArray(Certificate[]::new);
        }
        if (chain.length == 0) {
            throw new GeneralSecurityException("--tls-cert " + certificateChain + " holds no certificate");
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        char[] password = new char[0];
        store.setKeyEntry("serve", key(), password, chain);
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    private PrivateKey key() throws IOException, GeneralSecurityException {
        String pem = Files.readString(privateKey, StandardCharsets.US_ASCII);
        int begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = pem.indexOf("-----END PRIVATE KEY-----");
        if (begin < 0 || end < begin) {
            throw new GeneralSecurityException("--tls-key " + privateKey + " is not an unencrypted PKCS#8 PEM key "
                    + "(-----BEGIN PRIVATE KEY-----); convert it with `openssl pkcs8 -topk8 -nocrypt`");
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + 27, end));
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (InvalidKeySpecException e) {
                // try the next algorithm
            }
        }
        throw new GeneralSecurityException("--tls-key " + privateKey + " is not an RSA, EC or Ed25519 key");
    }
}
