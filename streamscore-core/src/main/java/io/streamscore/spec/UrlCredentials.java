package io.streamscore.spec;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Finds credentials inside a URL written in the spec: user info ({@code user:password@host}) and query parameters
 * that hold secrets. A URL is printed ({@code validate}, logs, {@code toString}), so a secret in it is refused like
 * any literal secret, even one that came from a reference. Parsed by hand rather than with {@link java.net.URI}:
 * JDBC URLs list several hosts ({@code h1:5432,h2:5432}) and {@code URI} gives no user info for those.
 */
final class UrlCredentials {
    private final String userInfo;
    private final String query;

    private UrlCredentials(String url) {
        int start = url.indexOf("//");
        int authorityStart = start < 0 ? 0 : start + 2;
        int authorityEnd = firstOf(url, authorityStart, "/?#");
        String authority = start < 0 ? "" : url.substring(authorityStart, authorityEnd);
        int at = authority.lastIndexOf('@');
        this.userInfo = at < 0 ? null : authority.substring(0, at);
        int queryStart = url.indexOf('?', authorityEnd);
        this.query = queryStart < 0 ? "" : url.substring(queryStart + 1, firstOf(url, queryStart, "#"));
    }

    static UrlCredentials of(String url) {
        return new UrlCredentials(url);
    }

    /** Whether the URL has user info ({@code user@} or {@code user:password@}). */
    boolean hasUserInfo() {
        return userInfo != null;
    }

    /** Whether the user info holds a password ({@code user:password@}). */
    boolean hasPassword() {
        return userInfo != null && userInfo.contains(":");
    }

    /** The name of the first query parameter {@code secret} says holds a credential, in lower case; or null. */
    String secretParameter(Predicate<String> secret) {
        for (String pair : query.split("[&;]")) {
            String name = decode(pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair);
            if (!name.isBlank() && secret.test(name)) {
                return name.trim().toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    private static int firstOf(String text, int from, String characters) {
        for (int i = from; i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return text.length();
    }

    /** A parameter name with %-escapes decoded, so {@code pass%77ord} is seen as {@code password}. */
    private static String decode(String name) {
        try {
            return URLDecoder.decode(name, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return name;
        }
    }
}
