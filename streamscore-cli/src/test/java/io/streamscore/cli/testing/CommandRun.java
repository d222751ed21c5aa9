package io.streamscore.cli.testing;

import io.streamscore.cli.StreamscoreCommand;
import java.io.PrintWriter;
import java.io.StringWriter;

/** One {@code streamscore} command run in-process through picocli, as {@code main} runs it, with what it printed. */
public record CommandRun(int exit, String out, String err) {
    public static CommandRun streamscore(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = StreamscoreCommand.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(args);
        return new CommandRun(exit, out.toString(), err.toString());
    }
}
