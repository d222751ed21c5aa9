package io.streamscore.cli;

import io.streamscore.flink.scoring.ModelNotServableException;
import io.streamscore.registry.RegistryException;
import io.streamscore.spec.SpecError;
import io.streamscore.spec.SpecValidationException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Optional;
import picocli.CommandLine;

/**
 * How an exception out of a command reaches the user. Mistakes the user can fix (a spec with problems, a file that is
 * not there, a value a command refuses, a registry refusing, a model that cannot serve, an unreachable server) print
 * one {@code error:} line, exit code 1; the spec's problems follow one per line with their fixes, as {@code validate}
 * prints them. Any other exception is a bug and keeps its stack trace (picocli prints it, exit code 1). Usage errors
 * ({@link CommandLine.ParameterException}) never get here: picocli prints them with the usage, exit code 2.
 * {@value #STACK_TRACE_VARIABLE}=1 prints the stack trace of user errors too, for a bug report.
 */
final class UserErrorHandler implements CommandLine.IExecutionExceptionHandler {
    static final int USER_ERROR = 1;
    static final String STACK_TRACE_VARIABLE = "STREAMSCORE_STACKTRACE";

    @Override
    public int handleExecutionException(Exception error, CommandLine command, CommandLine.ParseResult parsed)
            throws Exception {
        Optional<String> message = describe(error, command);
        if (message.isEmpty()) {
            throw error;
        }
        PrintWriter err = command.getErr();
        err.println("error: " + message.get());
        if ("1".equals(System.getenv(STACK_TRACE_VARIABLE))) {
            error.printStackTrace(err);
        }
        err.flush();
        return USER_ERROR;
    }

    /** The message of a user error; empty for an exception that means a bug. */
    private static Optional<String> describe(Exception error, CommandLine command) {
        if (error instanceof SpecValidationException spec) {
            return Optional.of(specProblems(spec, command));
        }
        if (error instanceof FileSystemException file) {
            return Optional.of(fileProblem(file));
        }
        if (error instanceof IllegalArgumentException || error instanceof RegistryException
                || error instanceof ModelNotServableException || error instanceof IOException
                || error instanceof UncheckedIOException) {
            return Optional.of(withCause(error));
        }
        return Optional.empty();
    }

    /** "run.yaml has 2 problem(s):" and each problem as {@code validate} prints it, naming the spec file if given. */
    private static String specProblems(SpecValidationException spec, CommandLine command) {
        String file = specArgument(command).orElse("the pipeline spec");
        StringBuilder text = new StringBuilder(file + " has " + spec.errors().size() + " problem(s):");
        for (SpecError problem : spec.errors()) {
            text.append(System.lineSeparator()).append("  ").append(ValidateCommand.problemLine(problem))
                    .append(System.lineSeparator()).append("    fix: ").append(problem.fix());
        }
        return text.toString();
    }

    /** The SPEC argument or --spec option the command was given, if any. */
    private static Optional<String> specArgument(CommandLine command) {
        CommandLine.ParseResult parsed = command.getParseResult();
        return parsed == null ? Optional.empty() : parsed.matchedArgs().stream()
                .filter(arg -> "SPEC".equals(arg.paramLabel()) && arg.getValue() != null)
                .map(arg -> arg.getValue().toString())
                .findFirst();
    }

    /** NoSuchFileException's message is only the path: say what is wrong with it. */
    private static String fileProblem(FileSystemException file) {
        if (file instanceof NoSuchFileException) {
            return file.getFile() + ": no such file or directory";
        }
        if (file instanceof AccessDeniedException) {
            return file.getFile() + ": permission denied";
        }
        if (file instanceof NotDirectoryException) {
            return file.getFile() + ": not a directory";
        }
        return file.getMessage();
    }

    /** The message, and the cause's where it adds to it (a wrapped I/O error says which file or server failed). */
    private static String withCause(Throwable error) {
        String message = error.getMessage() != null ? error.getMessage() : error.getClass().getSimpleName();
        Throwable cause = error.getCause();
        if (cause == null) {
            return message;
        }
        String because = cause instanceof FileSystemException file ? fileProblem(file) : cause.getMessage();
        return because == null || message.contains(because) ? message : message + ": " + because;
    }
}
