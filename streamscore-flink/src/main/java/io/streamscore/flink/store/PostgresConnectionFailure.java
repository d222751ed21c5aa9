package io.streamscore.flink.store;

import static io.streamscore.flink.store.FailureCauses.causedBy;
import static io.streamscore.flink.store.FailureCauses.rootMessage;

import io.streamscore.spec.PostgresStoreSpec;
import java.io.FileNotFoundException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a refused PostgreSQL connection into a message that says which {@code stores.postgres} field to fix. TLS is
 * set by the driver's parameters inside {@code stores.postgres.url} ({@code sslmode}, {@code sslrootcert}), so a
 * certificate not trusted, a certificate for another host, a CA file missing, or a plain connection refused by a
 * server that takes only TLS all name that field and the parameter in it; a refused login names {@code user} and
 * {@code password}. The driver's exception stays the cause, and its SQL state is kept.
 */
final class PostgresConnectionFailure {
    private static final Pattern ROOT_CERT = Pattern.compile("[?&]sslrootcert=([^&]*)");
    private static final String URL = "`stores.postgres.url`";

    private PostgresConnectionFailure() {}

    /** The failure to connect, with a message naming the field to fix (the driver's own message when none fits). */
    static SQLException explain(PostgresStoreSpec spec, SQLException failure) {
        String reason = reason(spec, failure);
        return reason == null ? failure : new SQLException(reason, failure.getSQLState(), failure);
    }

    private static String reason(PostgresStoreSpec spec, SQLException failure) {
        String message = String.valueOf(failure.getMessage());
        String state = String.valueOf(failure.getSQLState());
        if (causedBy(failure, CertPathBuilderException.class) || causedBy(failure, CertPathValidatorException.class)) {
            return "the server's TLS certificate is not trusted (" + rootMessage(failure) + "); " + caFix(spec);
        }
        if (message.contains("could not be verified by hostnameverifier")) {
            return "the server's TLS certificate is not issued for this host (" + message + "); connect by a name "
                    + "the certificate holds in the host of " + URL + " (or, only where the host cannot be named, "
                    + "`sslmode=verify-ca` there)";
        }
        if (causedBy(failure, FileNotFoundException.class)) {
            return message + " (" + rootMessage(failure) + "); the file named by `sslrootcert` in " + URL
                    + " must exist where the job runs (on every TaskManager of a cluster)";
        }
        if (state.equals("28000") && message.contains("pg_hba.conf") && message.contains("no encryption")) {
            return "the server refused a connection without TLS (" + message + "); it accepts only TLS here: set "
                    + "`sslmode=verify-full` and `sslrootcert=<CA file>` in " + URL;
        }
        if (state.equals("28P01") || state.equals("28000")) {
            return "the server refused the login as " + (spec.user() == null ? "the default user" : "user '"
                    + spec.user() + "'") + " (" + message + "); check `stores.postgres.user` and "
                    + "`stores.postgres.password`" + (spec.password() == null ? ""
                    : " (environment variable " + spec.password().variable() + ")") + ", and the database in " + URL;
        }
        if (state.equals("08004") && message.contains("does not support SSL")) {
            return message + " The server does not speak TLS: remove `sslmode` from " + URL
                    + " or connect to a server that has TLS on";
        }
        if (state.startsWith("08")) {
            return message + " (check the host and port in " + URL + ")";
        }
        return null;
    }

    private static String caFix(PostgresStoreSpec spec) {
        Matcher rootCert = ROOT_CERT.matcher(spec.url());
        if (rootCert.find()) {
            return "`sslrootcert` in " + URL + " (" + rootCert.group(1) + ") does not hold the CA that signed it";
        }
        return "set `sslrootcert` in " + URL + " to the PEM file of the CA that signed it (the driver's default is "
                + "~/.postgresql/root.crt)";
    }
}
