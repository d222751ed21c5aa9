package io.streamscore.bench;

import picocli.CommandLine.Option;

/** {@code -h/--help} for every bench command: prints the usage and exits 0 without running anything. */
public final class HelpOption {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Print this usage and exit.")
    boolean help;
}
