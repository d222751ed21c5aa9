package io.streamscore.spec;

import io.streamscore.serving.client.TlsIdentity;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;

/**
 * {@code tls_cert_file} and {@code tls_key_file} of a section ({@code stores.redis}, {@code model.remote}): the client
 * certificate and key presented to a server that requires one (mutual TLS; Redis's {@code tls-auth-clients}, Triton's
 * {@code --grpc-use-ssl-mutual}). Both files are read and checked when the spec loads (the certificate parses, the key
 * is unencrypted PKCS#8 and is the certificate's), each problem reported on the key at fault, and travel with the
 * spec to every TaskManager.
 */
final class TlsClientFiles {
    static final String CERT = "tls_cert_file";
    static final String KEY = "tls_key_file";

    private TlsClientFiles() {}

    /**
     * The section's client certificate and key, or null when it names none or they are wrong (reported).
     *
     * @param offProblem null when TLS is on; else the problem to report for files that cannot matter
     * @param offFix     with {@code offProblem}: how to fix it
     */
    static TlsIdentity fromSpec(SpecNode section, SpecSecrets secrets, Path baseDir, String offProblem,
                                String offFix) {
        SpecNode certNode = section.get(CERT);
        SpecNode keyNode = section.get(KEY);
        if (!certNode.isPresent() && !keyNode.isPresent()) {
            return null;
        }
        if (!keyNode.isPresent()) {
            certNode.error("a client certificate needs its key", "add `" + KEY + "`: the PEM file of the "
                    + "certificate's private key (unencrypted PKCS#8, `-----BEGIN PRIVATE KEY-----`)");
            return null;
        }
        if (!certNode.isPresent()) {
            keyNode.error("a client key needs its certificate", "add `" + CERT + "`: the PEM file of the client "
                    + "certificate the key belongs to");
            return null;
        }
        if (offProblem != null) {
            certNode.error(offProblem, offFix);
            return null;
        }
        String certPath = PemFiles.path(certNode, secrets);
        String keyPath = PemFiles.path(keyNode, secrets);
        if (certPath == null || keyPath == null) {
            return null;
        }
        String certPem = PemFiles.read(certNode, baseDir, certPath, "", fix("the client certificate "
                + "(`-----BEGIN CERTIFICATE-----`, then any intermediates)"));
        String keyPem = PemFiles.read(keyNode, baseDir, keyPath, "", fix("the client certificate's private key "
                + "(unencrypted PKCS#8, `-----BEGIN PRIVATE KEY-----`)"));
        if (certPem == null || keyPem == null) {
            return null;
        }
        TlsIdentity identity = new TlsIdentity(PemFiles.resolve(baseDir, certPath).toString(), certPem,
                PemFiles.resolve(baseDir, keyPath).toString(), keyPem);
        try {
            identity.chain();
        } catch (CertificateException e) {
            certNode.error("'" + certPath + "' " + PemFiles.noCertificate(certPem, "a certificate",
                    e.getCause().getMessage()),
                    "write the path of the client certificate's PEM file (`-----BEGIN CERTIFICATE-----`)");
            return null;
        }
        try {
            identity.checkPair();
        } catch (GeneralSecurityException e) {
            keyNode.error(e.getMessage(), "write the path of the private key of the certificate in `" + CERT
                    + "`, as unencrypted PKCS#8 PEM (`openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8` converts "
                    + "others)");
            return null;
        }
        return identity;
    }

    private static String fix(String what) {
        return "write the path of the PEM file holding " + what + ", relative to the spec's folder";
    }
}
