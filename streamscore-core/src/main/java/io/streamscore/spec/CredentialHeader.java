package io.streamscore.spec;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The forms a credential takes in a {@code model.remote.headers} value, and what the spec must write in each: the
 * secret part a reference, the rest (an authorization scheme, a cookie's name) as it is.
 */
enum CredentialHeader {
    /** {@code Authorization}, {@code Proxy-Authorization}: {@code <scheme> <credentials>}, e.g. a bearer token. */
    AUTHORIZATION("(?:[A-Za-z][A-Za-z0-9._~+/-]*\\s+)?" + SpecSecrets.REFERENCE.pattern(),
            "\"Bearer ${MODEL_TOKEN}\""),
    /** {@code Cookie}, {@code Set-Cookie}: {@code name=value} pairs, each value a session credential. */
    COOKIE("[^=;\\s]+=" + SpecSecrets.REFERENCE.pattern() + "(?:;\\s*[^=;\\s]+=" + SpecSecrets.REFERENCE.pattern()
            + ")*", "\"session=${MODEL_SESSION}\""),
    /** Any other credential header ({@code X-Api-Key}, {@code X-Auth-Token}): the whole value is the secret. */
    WHOLE(SpecSecrets.REFERENCE.pattern(), null);

    private final Pattern referenced;
    private final String example;

    CredentialHeader(String referenced, String example) {
        this.referenced = Pattern.compile(referenced);
        this.example = example;
    }

    /** The form of header {@code name}'s credential, or null when the header does not carry one. */
    static CredentialHeader of(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith("authorization")) {
            return AUTHORIZATION;
        }
        if (lower.endsWith("cookie")) {
            return COOKIE;
        }
        return SecretNames.isCredentialHeader(lower) ? WHOLE : null;
    }

    /** Whether every secret in {@code value} is a {@code ${NAME}} reference. */
    boolean referencesItsSecret(String value) {
        return referenced.matcher(value.trim()).matches();
    }

    /** What to write instead of a literal credential in header {@code name}. */
    String fix(String name) {
        String variable = "MODEL_" + name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_");
        String written = example != null ? example : "${" + variable + "}";
        return "write `" + name + ": " + written + "` with the secret in an environment variable set where "
                + "Streamscore runs" + (this == COOKIE ? " (each cookie's value a reference)" : "");
    }
}
