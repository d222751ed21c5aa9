package io.streamscore.spec;

import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Environment variable references in a spec: {@code ${NAME}}, replaced by the variable's value when the spec is
 * loaded. Secrets (passwords, tokens, Kafka SASL/TLS credentials) must be written this way: a literal secret in a
 * spec ends up in version control, in CI logs and in every printed copy of the spec, so it is an error. A missing
 * or empty variable is an error naming the field, found by {@code streamscore validate} before anything starts.
 */
final class SpecSecrets {
    static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private final Function<String, String> environment;

    SpecSecrets(Function<String, String> environment) {
        this.environment = environment;
    }

    /** Secrets resolved from this process's environment variables. */
    static SpecSecrets fromProcessEnvironment() {
        return new SpecSecrets(System::getenv);
    }

    static SpecSecrets from(Map<String, String> environment) {
        return new SpecSecrets(environment::get);
    }

    /** Whether {@code text} is exactly one reference, {@code ${NAME}} (spaces around it aside). */
    static boolean isReference(String text) {
        return REFERENCE.matcher(text.trim()).matches();
    }

    /**
     * A secret field such as {@code password} or {@code token}: absent is {@code null}; otherwise it must be exactly
     * one reference, {@code ${NAME}}, to a set variable. Problems are reported without echoing what was written.
     */
    SecretValue secret(SpecNode node, String suggestedVariable) {
        if (!node.isPresent()) {
            return null;
        }
        String written = node.peekText();
        String fix = "write `" + node.key() + ": ${" + suggestedVariable + "}` and set the environment variable "
                + suggestedVariable + " where Streamscore runs";
        if (written == null) {
            node.error("expected a reference to an environment variable, found " + node.describe(), fix);
            return null;
        }
        Matcher reference = REFERENCE.matcher(written.trim());
        if (!reference.matches()) {
            node.error("a secret written in the spec ends up in version control and logs; only a reference to an "
                    + "environment variable is accepted here", fix);
            return null;
        }
        String value = lookup(node, reference.group(1));
        return value == null ? null : new SecretValue(reference.group(1), value);
    }

    /** {@code written} with every {@code ${NAME}} replaced; {@code null} when a variable is missing (reported). */
    String interpolate(SpecNode node, String written) {
        if (written == null) {
            return null;
        }
        Matcher reference = REFERENCE.matcher(written);
        StringBuilder resolved = new StringBuilder();
        boolean complete = true;
        while (reference.find()) {
            String value = lookup(node, reference.group(1));
            complete &= value != null;
            reference.appendReplacement(resolved, Matcher.quoteReplacement(value == null ? "" : value));
        }
        reference.appendTail(resolved);
        return complete ? resolved.toString() : null;
    }

    /**
     * A value that holds a credential, resolved like {@link #interpolate}. The caller knows the value's form (a whole
     * reference, {@code Bearer ${TOKEN}}, a JAAS option) and says which part of it is a secret written literally,
     * {@code literalSecret} (null when none); that is refused with {@code fix}, without echoing the value.
     */
    String interpolateCredential(SpecNode node, String written, String literalSecret, String fix) {
        if (literalSecret != null) {
            node.error(literalSecret + "; written in the spec it ends up in version control and logs", fix);
            return null;
        }
        return interpolate(node, written);
    }

    private String lookup(SpecNode node, String variable) {
        String value = environment.apply(variable);
        if (value == null || value.isEmpty()) {
            node.error("environment variable " + variable + " is " + (value == null ? "not set" : "empty"),
                    "set " + variable + " before starting Streamscore (e.g. `export " + variable + "=...`), "
                            + "or reference another variable");
            return null;
        }
        return value;
    }
}
