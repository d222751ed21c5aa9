package io.streamscore.cli;

import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Range checks of numeric options, run before a command does any work. picocli only checks that a value parses, so
 * without them a negative rate or a zero interval ran on with a meaning nobody asked for; a failed check is a usage
 * error (exit code 2) naming the option and what it accepts.
 */
final class OptionChecks {
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

    private static CommandLine.ParameterException usage(CommandSpec command, String message) {
        return new CommandLine.ParameterException(command.commandLine(), message);
    }
}
