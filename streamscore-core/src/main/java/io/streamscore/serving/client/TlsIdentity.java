package io.streamscore.serving.client;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;

/**
 * A certificate chain and its private key, as a TLS endpoint presents them: {@code streamscore serve}'s server
 * certificate ({@code --tls-cert}, {@code --tls-key}) and a client's certificate for servers that require one
 * (mutual TLS: {@code tls_cert_file}, {@code tls_key_file} of {@code stores.redis} and {@code model.remote}). Both
 * are PEM; the key unencrypted PKCS#8 ({@code -----BEGIN PRIVATE KEY-----}; RSA, EC or Ed25519). {@link #read}
 * checks that the files parse and that the key is the certificate's, so a wrong pair fails where it is configured,
 * not in a handshake. A client's identity travels with the spec to every TaskManager (no files to distribute); it
 * prints as its paths, never its key.
 *
 * @param certificatePath where the chain was read from (for messages)
 * @param certificatePem  the chain: the endpoint's own certificate first, then any intermediates
 * @param keyPath         where the key was read from (for messages)
 * @param keyPem          the private key
 */
public record TlsIdentity(String certificatePath, String certificatePem, String keyPath, String keyPem)
        implements Serializable {
    private static final String BEGIN_KEY = "-----BEGIN PRIVATE KEY-----";
    private static final String END_KEY = "-----END PRIVATE KEY-----";
    private static final byte[] PROBE = "streamscore: is this the certificate's key?".getBytes(StandardCharsets.UTF_8);

    public TlsIdentity {
        Objects.requireNonNull(certificatePath, "certificatePath");
        Objects.requireNonNull(certificatePem, "certificatePem");
        Objects.requireNonNull(keyPath, "keyPath");
        Objects.requireNonNull(keyPem, "keyPem");
    }

    /**
     * Reads and checks a certificate chain and its key.
     *
     * @throws IOException when a file cannot be read
     * @throws GeneralSecurityException when the chain holds no certificate, the key is not an unencrypted PKCS#8 key
     *     of a known algorithm, or it is not the key of the chain's first certificate (each message says which)
     */
    public static TlsIdentity read(Path certificate, Path key) throws IOException, GeneralSecurityException {
        TlsIdentity identity = new TlsIdentity(certificate.toString(),
                Files.readString(certificate, StandardCharsets.ISO_8859_1), key.toString(),
                Files.readString(key, StandardCharsets.ISO_8859_1));
        identity.checkPair(); // parses both
        return identity;
    }

    /** The chain, the endpoint's own certificate first; never empty. */
    public List<X509Certificate> chain() throws CertificateException {
        try {
            return PemTrust.certificates(certificatePem);
        } catch (CertificateException e) {
            throw new CertificateException(certificatePath + " holds no readable certificate: " + e.getMessage(), e);
        }
    }

    public PrivateKey privateKey() throws GeneralSecurityException {
        int begin = keyPem.indexOf(BEGIN_KEY);
        int end = keyPem.indexOf(END_KEY);
        if (begin < 0 || end < begin) {
            throw new GeneralSecurityException(keyPath + " is not an unencrypted PKCS#8 PEM key (" + BEGIN_KEY
                    + "); convert it with `openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8`");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(keyPem.substring(begin + BEGIN_KEY.length(), end));
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException(keyPath + " holds a damaged key: " + e.getMessage(), e);
        }
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (InvalidKeySpecException e) {
                // try the next algorithm
            }
        }
        throw new GeneralSecurityException(keyPath + " is not an RSA, EC or Ed25519 key");
    }

    /** Key managers presenting this chain with its key, for an {@code SSLContext}. */
    public KeyManager[] keyManagers() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot create an empty key store", e);
        }
        char[] password = new char[0];
        store.setKeyEntry("identity", privateKey(), password, chain().toArray(X509Certificate[]::new));
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
        return keys.getKeyManagers();
    }

    /**
     * Proves the key is the chain's first certificate's: it signs what that certificate's public key verifies.
     *
     * @throws GeneralSecurityException when the key does not parse or is another certificate's
     */
    public void checkPair() throws GeneralSecurityException {
        X509Certificate own = chain().get(0);
        PrivateKey key = privateKey();
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm();
        };
        boolean matches;
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(PROBE);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(own.getPublicKey());
            verifier.update(PROBE);
            matches = verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            matches = false; // e.g. an EC key against an RSA certificate
        }
        if (!matches) {
            throw new GeneralSecurityException(keyPath + " is not the key of the certificate in " + certificatePath
                    + " (" + own.getSubjectX500Principal().getName() + ")");
        }
    }

    /** The paths only: the key is a secret. */
    @Override
    public String toString() {
        return "certificate " + certificatePath + ", key " + keyPath;
    }
}
