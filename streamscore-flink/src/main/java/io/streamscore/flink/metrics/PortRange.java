package io.streamscore.flink.metrics;

/**
 * The metrics reporter's {@code port} setting: one port ({@code 9249}; 0 for any free one) or an inclusive range
 * ({@code 9250-9259}), tried in order.
 */
record PortRange(int first, int last) {
    PortRange {
        if (first < 0 || last > 65_535 || last < first || (first == 0 && last != 0)) {
            throw new IllegalArgumentException(describe(first, last) + " is not a port or a port range");
        }
    }

    /** Parses {@code 9249} or {@code 9250-9259}, failing with a message that names the setting and its forms. */
    static PortRange parse(String value) {
        String text = value.trim();
        int dash = text.indexOf('-', 1);
        try {
            return dash < 0 ? new PortRange(Integer.parseInt(text), Integer.parseInt(text))
                    : new PortRange(Integer.parseInt(text.substring(0, dash).trim()),
                            Integer.parseInt(text.substring(dash + 1).trim()));
        } catch (IllegalArgumentException e) { // NumberFormatException, or the range's own check
            throw new IllegalArgumentException("metrics.reporter." + StreamscoreMetricReporter.REPORTER_NAME + "."
                    + StreamscoreMetricReporter.PORT + ": '" + value + "' is not a port (0-65535; 0 for any free "
                    + "one) or a range of ports such as 9250-9259", e);
        }
    }

    boolean single() {
        return first == last;
    }

    @Override
    public String toString() {
        return describe(first, last);
    }

    private static String describe(int first, int last) {
        return first == last ? Integer.toString(first) : first + "-" + last;
    }
}
