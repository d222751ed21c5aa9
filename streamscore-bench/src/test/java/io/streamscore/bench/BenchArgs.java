package io.streamscore.bench;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Test vocabulary: {@code bench} arguments parsed or executed on {@link BenchLauncher#commandLine()}, in memory. */
public final class BenchArgs {
    private BenchArgs() {}

    /** Exit code and what the command printed to stdout and stderr. */
    public record Outcome(int exitCode, String out, String err) {}

    /**
     * Executes {@code bench args}. Only for arguments that stop before a benchmark starts (help, usage errors):
     * anything else would run it.
     */
    public static Outcome execute(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = BenchLauncher.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(args);
        return new Outcome(exitCode, out.toString(), err.toString());
    }

    /** Parses {@code bench args} without running anything and returns the subcommand's object. */
    public static <T> T parsed(Class<T> command, String... args) {
        CommandLine.ParseResult result = BenchLauncher.commandLine().parseArgs(args);
        return command.cast(result.subcommand().commandSpec().userObject());
    }
}
