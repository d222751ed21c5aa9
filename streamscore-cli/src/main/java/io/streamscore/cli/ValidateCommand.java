package io.streamscore.cli;

import io.streamscore.spec.SpecError;
import io.streamscore.spec.SpecLoader;
import io.streamscore.spec.StoresSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code streamscore validate SPEC...}: every problem of every spec, each with its field path and fix. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check pipeline specs without starting anything; prints every problem with its fix.")
public final class ValidateCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "SPEC", description = "Pipeline spec files (YAML).")
    List<Path> specs;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
        PrintWriter out = command.commandLine().getOut();
        int problems = 0;
        for (Path spec : specs) {
            List<SpecError> errors = SpecLoader.check(spec);
            if (errors.isEmpty()) {
                out.println(spec + ": OK");
                printStores(out, SpecLoader.load(spec).stores());
            }
            for (SpecError error : errors) {
                out.println(spec + ": " + problemLine(error));
                out.println("    fix: " + error.fix());
            }
            problems += errors.size();
        }
        if (problems > 0) {
            out.println(problems + " problem(s) found.");
        }
        out.flush();
        return problems == 0 ? 0 : 1;
    }

    /**
     * "path: problem", or only the problem when it concerns the whole file ({@link SpecLoader#WHOLE_SPEC}, or an
     * empty path: a file that does not exist, invalid YAML), which the line already starts with.
     */
    static String problemLine(SpecError error) {
        String path = error.path();
        boolean wholeFile = path == null || path.isEmpty() || SpecLoader.WHOLE_SPEC.equals(path);
        return wholeFile ? error.problem() : path + ": " + error.problem();
    }

    /** Where features and results will go ({@link StoreSummary}: spec key names, secrets masked). */
    private static void printStores(PrintWriter out, StoresSpec stores) {
        for (String line : StoreSummary.lines(stores)) {
            out.println("    " + line);
        }
    }
}
