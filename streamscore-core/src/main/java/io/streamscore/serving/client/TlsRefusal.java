package io.streamscore.serving.client;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a failed connection says about client certificates (mutual TLS), read from the TLS alert the server sent
 * ({@code Received fatal alert: certificate_required} and the like, anywhere in the cause chain): a server that
 * requires one and got none, or refused the one it got. For messages that name {@code tls_cert_file} instead of
 * the address when that is what to fix.
 */
public enum TlsRefusal {
    /** Not a refusal of the client's certificate (or not recognisable as one). */
    NONE,
    /** The server requires a client certificate and the client presented none. */
    CERTIFICATE_REQUIRED,
    /**
     * The server refused the client's certificate (not signed by a CA it trusts, expired, revoked), or asked for one
     * while the client had one configured: a client offers only a certificate of the CAs the server names, so one
     * signed by another CA is not even sent.
     */
    CERTIFICATE_REFUSED;

    private static final Pattern ALERT = Pattern.compile("fatal alert: ([a-z_]+)");
    private static final Set<String> REFUSING = Set.of("certificate_required", "bad_certificate", "unknown_ca",
            "certificate_unknown", "certificate_expired", "certificate_revoked", "unsupported_certificate",
            "access_denied", "handshake_failure", "decrypt_error");

    /**
     * @param failure    the connection's failure
     * @param configured whether the client has a certificate configured
     */
    public static TlsRefusal of(Throwable failure, boolean configured) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            Matcher alert = ALERT.matcher(String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT));
            if (alert.find() && REFUSING.contains(alert.group(1))) {
                return refused(configured);
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return NONE;
    }

    /**
     * A refusal of a client with ({@code configured}) or without a certificate: the server refused the one it got,
     * or required one and got none.
     */
    public static TlsRefusal refused(boolean configured) {
        return configured ? CERTIFICATE_REFUSED : CERTIFICATE_REQUIRED;
    }
}
