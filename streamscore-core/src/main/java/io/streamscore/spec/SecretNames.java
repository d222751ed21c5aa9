package io.streamscore.spec;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which names in a spec say that their value is a secret, so it must be a {@code ${NAME}} reference and prints masked.
 * The rule looks at how a name ends ({@code ssl.keystore.key}, {@code clientSecret}, {@code sslpassword}), not at
 * any word in it: a setting about a secret ({@code sasl.oauthbearer.token.endpoint.url},
 * {@code ...client.credentials.client.id}, {@code keyTab}) names what it is last, and that is not the secret
 * itself. For Kafka client properties this picks exactly the configs Kafka's own {@code ConfigDef} types
 * {@code PASSWORD}, except the certificates ({@code ssl.keystore.certificate.chain},
 * {@code ssl.truststore.certificates}), which are public.
 */
final class SecretNames {
    /** Endings that name a password: passwords, passphrases, shared secrets, tokens. */
    private static final Pattern PASSWORD_ENDING = Pattern.compile(".*(password|passwd|passphrase|secret|token)");
    /** Endings that name secret material: a password, or a private or API key given inline. */
    private static final Pattern SECRET_ENDING = Pattern.compile(".*(password|passwd|passphrase|secret|token|key)");
    /** URL parameters that carry credentials: passwords, keys, tokens, signatures of signed URLs, auth codes. */
    private static final Pattern CREDENTIAL_PARAMETER =
            Pattern.compile(".*(pass|secret|token|key|sig|auth|credential|session).*");
    /** HTTP headers that carry credentials, including the proxy's and cookies (a session is a credential). */
    private static final Pattern CREDENTIAL_HEADER =
            Pattern.compile(".*(authorization|cookie|pass|secret|token|key|signature|credential|session).*");

    private SecretNames() {}

    /** Whether {@code name} ends with a word for secret material: {@code a.b.password}, {@code clientSecret}. */
    static boolean namesSecret(String name) {
        return SECRET_ENDING.matcher(letters(name)).matches();
    }

    /**
     * Whether {@code name} ends with a word for a password, secret or token ({@code sslpassword}); for settings
     * where a key is a file, not key material ({@code sslkey} in a PostgreSQL URL).
     */
    static boolean namesPassword(String name) {
        return PASSWORD_ENDING.matcher(letters(name)).matches();
    }

    /**
     * A Kafka client property holding a credential: one whose last word names secret material, a JAAS login
     * configuration ({@code sasl.jaas.config}, which holds the SASL password), or Schema Registry's
     * {@code basic.auth.user.info} ({@code user:password}).
     */
    static boolean isKafkaCredential(String property) {
        String lower = property.trim().toLowerCase(Locale.ROOT);
        return namesSecret(lower) || isJaasConfig(lower) || lower.endsWith("basic.auth.user.info");
    }

    static boolean isJaasConfig(String property) {
        return property.trim().toLowerCase(Locale.ROOT).endsWith("jaas.config");
    }

    /** An HTTP header (or gRPC metadata key) that carries a credential. */
    static boolean isCredentialHeader(String header) {
        return CREDENTIAL_HEADER.matcher(header.toLowerCase(Locale.ROOT)).matches();
    }

    /** A URL query parameter that carries a credential ({@code api_key}, {@code access_token}, {@code sig}, ...). */
    static boolean isCredentialParameter(String parameter) {
        return CREDENTIAL_PARAMETER.matcher(parameter.toLowerCase(Locale.ROOT)).matches();
    }

    /** {@code name} in lower case without punctuation, so {@code client_secret} and {@code clientSecret} agree. */
    private static String letters(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }
}
