package io.streamscore.spec;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * An address to bind or connect to, checked by its syntax alone (no DNS lookup: the spec is validated where the
 * names may not resolve): an IPv4 address, an IPv6 address (in brackets or not), or a host name of RFC 1123 labels.
 */
final class HostRule {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    /** Starting with a hex digit or a colon and holding a colon: what the JDK parses as a literal, never looks up. */
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("(?=.*:)[0-9A-Fa-f:][0-9A-Fa-f:.]*");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final int MAX_NAME_LENGTH = 253;

    private HostRule() {}

    /** Whether {@code host} is an IP address or a syntactically valid host name. */
    static boolean isValid(String host) {
        if (IPV4.matcher(host).matches()) {
            return isIpv4(host);
        }
        String unbracketed = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (IPV6_CHARACTERS.matcher(unbracketed).matches()) {
            return isIpv6(unbracketed);
        }
        return isHostName(host);
    }

    private static boolean isIpv4(String host) {
        for (String octet : host.split("\\.")) {
            if (Integer.parseInt(octet) > 255) {
                return false;
            }
        }
        return true;
    }

    /** Parsed by the JDK: a text of {@link #IPV6_CHARACTERS} is an IPv6 literal or refused, with no lookup. */
    private static boolean isIpv6(String literal) {
        try {
            return InetAddress.getByName(literal) instanceof Inet6Address;
        } catch (UnknownHostException invalid) {
            return false;
        }
    }

    private static boolean isHostName(String host) {
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            return false;
        }
        String[] labels = name.split("\\.", -1);
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        // An all-digit top label is a mistyped IPv4 address (1.2.3.400, 10.0.1), not a name.
        return !labels[labels.length - 1].chars().allMatch(Character::isDigit);
    }
}
