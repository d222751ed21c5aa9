package io.streamscore.cli;

import io.streamscore.spec.KafkaSpec;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Checks of option values, run before a command does any work: ranges of numeric options, and the addresses and
 * paths a Flink cluster reads. picocli only checks that a value parses, so without them a negative rate or a zero
 * interval ran on with a meaning nobody asked for, and a JobManager without a port or a relative savepoint path went
 * somewhere else than meant; a failed check is a usage error (exit code 2) naming the option and what it accepts.
 */
final class OptionChecks {
    private static final Pattern JOB_ID = Pattern.compile("[0-9a-fA-F]{32}");

    private OptionChecks() {}

    /** @param zeroMeans what 0 does, for the message ("sends as fast as possible") */
    static void notNegative(CommandSpec command, String option, double value, String zeroMeans) {
        if (!(value >= 0)) {
            throw usage(command, option + ": " + value + " is negative; give 0 or more (0 " + zeroMeans + ")");
        }
    }

    static void positive(CommandSpec command, String option, double value) {
        if (!(value > 0)) {
            throw usage(command, option + ": " + value + " must be greater than 0");
        }
    }

    /** Negative durations do not parse ({@link DurationConverter}); zero does, and means nothing useful here. */
    static void positive(CommandSpec command, String option, Duration value) {
        if (value != null && (value.isNegative() || value.isZero())) {
            throw usage(command, option + ": must be longer than 0, e.g. 5s");
        }
    }

    /**
     * {@code --jobmanager}: {@code HOST:PORT} of the REST endpoint, or a URL. Without a port the request went to port
     * 80 and failed as "no Flink JobManager" there, however right the host was.
     */
    static void jobManager(CommandSpec command, String value) {
        boolean url = value.contains("://");
        try {
            URI uri = new URI(url ? value : "http://" + value);
            boolean hostAndPort = uri.getHost() != null && uri.getPort() > 0
                    && (uri.getPath().isEmpty() || uri.getPath().equals("/"));
            if (url ? uri.getHost() != null : hostAndPort) {
                return;
            }
        } catch (URISyntaxException e) {
            // the same answer as for a value without a host or port
        }
        throw usage(command, "--jobmanager " + value + ": give HOST:PORT of the JobManager's REST endpoint (its "
                + "rest.port, 8081 by default; deploy/flink-cluster.sh start prints it), e.g. 127.0.0.1:8081");
    }

    /**
     * A savepoint path the cluster reads or writes: absolute or a URI. The JobManager resolves a relative path in its
     * own working directory, not in the user's: the savepoint went there and the command said it succeeded.
     */
    static void clusterPath(CommandSpec command, String option, String value) {
        if (value != null && !value.startsWith("/") && !value.contains(":/")) {
            throw usage(command, option + " " + value + ": a relative path would be resolved on the JobManager, in its "
                    + "working directory, not here; give an absolute path or a URI the cluster reaches "
                    + "(file:///shared/savepoints, s3://bucket/savepoints)");
        }
    }

    /** A Flink job id, 32 hex digits, as {@code submit} prints it. */
    static void jobId(CommandSpec command, String value) {
        if (!JOB_ID.matcher(value).matches()) {
            throw usage(command, "JOBID " + value + ": not a Flink job id; give the 32 hex digits `submit` printed "
                    + "(the cluster's web UI lists its jobs)");
        }
    }

    static void share(CommandSpec command, String option, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw usage(command, option + ": " + value + " is not a share; give a value from 0 to 1, e.g. 0.01");
        }
    }

    /** A port on 127.0.0.1 to listen on; {@code null} (the option left out) passes. */
    static void port(CommandSpec command, String option, Integer value) {
        if (value != null && (value < 0 || value > 65_535)) {
            throw usage(command, option + ": " + value + " is not a port; use 1..65535, or 0 for any free port");
        }
    }

    static void atLeast(CommandSpec command, String option, long value, long minimum) {
        if (value < minimum) {
            throw usage(command, option + ": " + value + " must be at least " + minimum);
        }
    }

    /** Kafka bootstrap servers, checked as the spec's {@code kafka.bootstrap}; {@code null} passes. */
    static void kafkaServers(CommandSpec command, String option, String value) {
        String problem = value == null ? null : KafkaSpec.serversProblem(value);
        if (problem != null) {
            throw usage(command, option + ": " + problem + "; write host:port[,host:port...], e.g. "
                    + "`broker1:9092,broker2:9092`");
        }
    }

    private static CommandLine.ParameterException usage(CommandSpec command, String message) {
        return new CommandLine.ParameterException(command.commandLine(), message);
    }
}
