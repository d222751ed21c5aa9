package io.streamscore.serving;

import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.streamscore.serving.client.PemTrust;
import io.streamscore.serving.client.TlsIdentity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * How {@code streamscore serve} serves TLS: the certificate and key it presents ({@code --tls-cert},
 * {@code --tls-key}: PEM files, the key unencrypted PKCS#8, {@link TlsIdentity}) and, for mutual TLS, the CAs whose
 * client certificates it requires ({@code --tls-client-ca}: a client without one, or with one another CA signed, is
 * refused in the handshake). The files are read and checked when the server starts.
 *
 * @param certificateChain the server's certificate first, then any intermediates
 * @param privateKey       the certificate's key
 * @param clientCa         the CAs a client's certificate must chain to, or null to ask clients for none
 */
public record ServerTls(Path certificateChain, Path privateKey, Path clientCa) {
    public ServerTls {
        Objects.requireNonNull(certificateChain, "certificateChain");
        Objects.requireNonNull(privateKey, "privateKey");
    }

    /** Without client certificates. */
    public ServerTls(Path certificateChain, Path privateKey) {
        this(certificateChain, privateKey, null);
    }

    /** The REST server's TLS context: presenting the certificate chain with its key, trusting the client CA. */
    public SSLContext sslContext() throws IOException, GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(identity().keyManagers(), clientCa == null ? null : PemTrust.trustManagers(clientCaPem()), null);
        return context;
    }

    /** The gRPC server's: the same identity and, with a client CA, client certificates required. */
    public SslContext grpcSslContext() throws IOException, GeneralSecurityException {
        TlsIdentity identity = identity();
        SslContextBuilder builder = GrpcSslContexts.configure(SslContextBuilder.forServer(identity.privateKey(),
                identity.chain().toArray(X509Certificate[]::new)));
        if (clientCa != null) {
            builder.trustManager(PemTrust.certificates(clientCaPem()).toArray(X509Certificate[]::new))
                    .clientAuth(ClientAuth.REQUIRE);
        }
        return builder.build();
    }

    private TlsIdentity identity() throws IOException, GeneralSecurityException {
        return TlsIdentity.read(certificateChain, privateKey);
    }

    private String clientCaPem() throws IOException {
        return Files.readString(clientCa, StandardCharsets.ISO_8859_1);
    }
}
