package io.streamscore.cli;

import io.streamscore.serving.JdkHttpServerDefaults;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code streamscore} command: parses arguments and hands over to a subcommand. */
@Command(name = "streamscore",
        mixinStandardHelpOptions = true,
        versionProvider = StreamscoreCommand.Version.class,
        description = "Real-time machine learning on event streams, on Apache Flink and Apache Kafka.",
        subcommands = {DemoCommand.class, RunCommand.class, ValidateCommand.class, GenerateCommand.class,
                ModelsCommand.class,
                TrainCommand.class,
                ServeCommand.class,
                SubmitCommand.class, StopCommand.class, LagCommand.class,
                CommandLine.HelpCommand.class})
public final class StreamscoreCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        JdkHttpServerDefaults.apply(); // before any HTTP server of this JVM starts (serve, dashboard, feature server)
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, for main and for tests. */
    public static CommandLine commandLine() {
        return new CommandLine(new StreamscoreCommand())
                .registerConverter(java.time.Duration.class, new DurationConverter())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(new UserErrorHandler());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = StreamscoreCommand.class.getPackage().getImplementationVersion();
            return new String[] {"streamscore " + (version == null ? "(development build)" : version)};
        }
    }
}
