package io.streamscore.serving;

import java.util.Locale;

/**
 * Which request bodies a JSON endpoint reads, by their {@code Content-Type}; the others are refused with 415 and
 * {@link #refusal}, so a client that sent XML or a form learns the server wants JSON instead of reading a parse error.
 * Read as JSON: {@code application/json} and the {@code +json} types, with any parameters
 * ({@code application/json; charset=utf-8}); a body without a Content-Type; and
 * {@code application/x-www-form-urlencoded}, which curl sends for {@code -d} unless told otherwise, so
 * {@code curl -d '{...}'} keeps working (a real form body is still refused, as invalid JSON).
 */
public final class JsonContentType {
    public static final String JSON = "application/json";
    private static final String CURL_DEFAULT = "application/x-www-form-urlencoded";

    private JsonContentType() {}

    /** Whether a body sent with Content-Type {@code header} (null: none) is read as JSON. */
    public static boolean accepts(String header) {
        if (header == null) {
            return true;
        }
        String type = mediaType(header);
        return type.isEmpty() || type.equals(JSON) || type.equals(CURL_DEFAULT)
                || type.startsWith("application/") && type.endsWith("+json");
    }

    /** The media type of Content-Type {@code header}, lower case and without parameters. */
    public static String mediaType(String header) {
        int parameters = header.indexOf(';');
        return (parameters < 0 ? header : header.substring(0, parameters)).trim().toLowerCase(Locale.ROOT);
    }

    /** The 415 message for a body sent as {@code header}: what the endpoint takes ({@code expected}) instead. */
    public static String refusal(String header, String expected) {
        return "Content-Type '" + header + "' is not supported here: send the body as " + expected;
    }
}
