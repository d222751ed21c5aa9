package io.streamscore.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The options of a JAAS login configuration ({@code sasl.jaas.config}): {@code <LoginModule> <flag> name=value ...;},
 * values quoted ({@code "..."}, backslash escapes) or bare, as Kafka's {@code JaasConfig} reads them. Only the secret
 * options must be references: a user name or a client id in the clear is fine, a password next to a referenced user
 * name is not, so each option is judged on its own.
 */
final class JaasOptions {
    private static final Pattern OPTION =
            Pattern.compile("([A-Za-z0-9_.$-]+)\\s*=\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^\\s;\"]+))");

    private JaasOptions() {}

    /**
     * The names of the options in {@code config} whose name says they hold a secret ({@code password},
     * {@code clientSecret}, {@code token}, see {@link SecretNames#namesSecret}) and whose value is not exactly one
     * {@code ${NAME}} reference; empty when every secret is a reference.
     */
    static List<String> literalSecrets(String config) {
        List<String> literal = new ArrayList<>();
        Matcher option = OPTION.matcher(config);
        while (option.find()) {
            String name = option.group(1);
            String value = option.group(2) != null ? option.group(2) : option.group(3);
            if (SecretNames.namesSecret(name) && !SpecSecrets.isReference(value)) {
                literal.add(name);
            }
        }
        return literal;
    }
}
