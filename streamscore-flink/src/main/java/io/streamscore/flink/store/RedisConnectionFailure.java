package io.streamscore.flink.store;

import static io.streamscore.flink.store.FailureCauses.causedBy;
import static io.streamscore.flink.store.FailureCauses.rootMessage;

import io.streamscore.serving.client.TlsProbe;
import io.streamscore.serving.client.TlsRefusal;
import io.streamscore.spec.RedisStoreSpec;
import java.io.EOFException;
import java.net.SocketException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.time.Duration;
import javax.net.ssl.SSLException;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Turns a refused Redis connection into a message that says which {@code stores.redis} field to fix: a login the
 * server refused ({@code user}/{@code password}), a certificate not trusted ({@code tls_ca_file}) or not issued for
 * the host ({@code address}), TLS spoken to a plain port or plain TCP to a TLS port ({@code tls}). The original
 * exception stays the cause; the exception type stays Jedis's, so callers that tell them apart still can.
 */
final class RedisConnectionFailure {
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    private RedisConnectionFailure() {}

    /** The failure with a message naming the field to fix; other failures (not about connecting) as they are. */
    static JedisException explain(RedisStoreSpec spec, JedisException failure) {
        String at = "Redis at " + spec.address();
        if (failure instanceof JedisAccessControlException || startsWith(failure, "WRONGPASS", "NOAUTH", "NOPERM")) {
            return new JedisAccessControlException(at + " refused the login as " + login(spec) + ": "
                    + String.valueOf(failure.getMessage()).replaceFirst("\\.$", "")
                    + "; check `stores.redis.user` and `stores.redis.password`"
                    + (spec.password() == null ? "" : " (environment variable " + spec.password().variable() + ")"),
                    failure);
        }
        if (!(failure instanceof JedisConnectionException)) {
            return failure;
        }
        return new JedisConnectionException(at + ": " + reason(spec, failure), failure);
    }

    private static String reason(RedisStoreSpec spec, JedisException failure) {
        if (causedBy(failure, CertPathBuilderException.class) || causedBy(failure, CertPathValidatorException.class)) {
            return "the server's TLS certificate is not trusted (" + rootMessage(failure) + "); "
                    + (spec.tlsCa() == null
                    ? "set `stores.redis.tls_ca_file` to the PEM file of the CA that signed it"
                    : "`stores.redis.tls_ca_file` (" + spec.tlsCa() + ") does not hold the CA that signed it");
        }
        if (causedBy(failure, CertificateException.class)) {
            return "the server's TLS certificate is not issued for this host (" + rootMessage(failure) + "); "
                    + "connect by a name the certificate holds in `stores.redis.address`";
        }
        TlsRefusal refusal = spec.tls() ? tlsRefusal(spec, failure) : TlsRefusal.NONE;
        if (refusal == TlsRefusal.CERTIFICATE_REQUIRED) {
            return "the server requires a client certificate (" + rootMessage(failure) + "); set "
                    + "`stores.redis.tls_cert_file` and `stores.redis.tls_key_file` to a certificate and key signed by "
                    + "a CA the server trusts (its tls-ca-cert-file)";
        }
        if (refusal == TlsRefusal.CERTIFICATE_REFUSED) {
            return "the server refused the client certificate (" + spec.tlsIdentity() + "; " + rootMessage(failure)
                    + "); `stores.redis.tls_cert_file` must be signed by a CA the server trusts (its tls-ca-cert-file)";
        }
        if (spec.tls() && causedBy(failure, SSLException.class)) {
            return "the TLS handshake failed (" + rootMessage(failure) + "); if the server does not speak TLS on this "
                    + "port, remove `stores.redis.tls` or use its TLS port";
        }
        if (!spec.tls()) {
            return "the connection failed (" + rootMessage(failure) + "); if the server accepts only TLS "
                    + "connections, set `stores.redis.tls: true`; otherwise check `stores.redis.address`";
        }
        return failure.getMessage();
    }

    /**
     * From the failure, or, for a connection the server dropped (TLS 1.3 servers judge a client's certificate after
     * the client's side of the handshake, so Jedis's first write meets a broken pipe), from a probe of the server.
     */
    private static TlsRefusal tlsRefusal(RedisStoreSpec spec, JedisException failure) {
        boolean presentedOne = spec.tlsIdentity() != null;
        TlsRefusal refusal = TlsRefusal.of(failure, presentedOne);
        if (refusal != TlsRefusal.NONE || !causedBy(failure, SocketException.class)
                && !causedBy(failure, SSLException.class) && !causedBy(failure, EOFException.class)) {
            return refusal;
        }
        HostAndPort server = RedisConnector.hostAndPort(spec.address());
        return TlsProbe.refusal(RedisConnector.socketFactory(spec), server.getHost(), server.getPort(), null,
                presentedOne, PROBE_TIMEOUT);
    }

    private static String login(RedisStoreSpec spec) {
        return spec.user() == null ? "the default user" : "user '" + spec.user() + "'";
    }

    private static boolean startsWith(Throwable failure, String... codes) {
        String message = String.valueOf(failure.getMessage());
        for (String code : codes) {
            if (message.startsWith(code)) {
                return true;
            }
        }
        return false;
    }
}
