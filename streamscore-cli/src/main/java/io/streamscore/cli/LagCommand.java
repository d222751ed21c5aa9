package io.streamscore.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamscore.cli.local.SourceLag;
import io.streamscore.spec.KafkaSpec;
import io.streamscore.spec.PipelineSpec;
import io.streamscore.spec.SpecLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code streamscore lag SPEC}: how far each source of a running (or stopped) pipeline is behind in Kafka, from its
 * consumer group's committed offsets, per partition as {@code kafka-consumer-groups.sh --describe} shows them, so that
 * no Kafka distribution is needed to read it.
 */
@Command(name = "lag", mixinStandardHelpOptions = true,
        description = "Show how many records each source of a pipeline is behind in Kafka (its consumer group's lag).")
public final class LagCommand implements Callable<Integer> {
    /** The exit code when a source lags by more than {@code --max-lag}. */
    static final int BEHIND = 3;

    @Parameters(index = "0", paramLabel = "SPEC", description = "The pipeline spec (YAML).")
    Path specFile;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            description = "Kafka, overriding the spec's kafka.bootstrap (required when it is `embedded`: give the "
                    + "address `streamscore run` printed).")
    String bootstrapServers;

    @Option(names = "--json", description = "Print JSON: every source with its group, lag and partitions.")
    boolean json;

    @Option(names = "--max-lag", paramLabel = "RECORDS",
            description = "Exit with 3 (after printing) when a source is more than RECORDS behind, naming it on "
                    + "stderr: for health checks and cron alerts.")
    Long maxLag;

    @Option(names = "--timeout", defaultValue = "5s", paramLabel = "DURATION",
            description = "How long each Kafka request may take (default ${DEFAULT-VALUE}).")
    Duration timeout;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() throws Exception {
        OptionChecks.kafkaServers(command, "--bootstrap-servers", bootstrapServers);
        OptionChecks.positive(command, "--timeout", timeout);
        if (maxLag != null && maxLag < 0) {
            throw new CommandLine.ParameterException(command.commandLine(),
                    "--max-lag: " + maxLag + " records is negative; give 0 or more");
        }
        PipelineSpec spec = SpecLoader.load(specFile);
        if (spec.kafka().embedded() && bootstrapServers == null) {
            throw new CommandLine.ParameterException(command.commandLine(), "the spec's kafka.bootstrap is `embedded`, "
                    + "which lives inside the process that runs it: pass --bootstrap-servers with the address "
                    + "`streamscore run` printed (\"Kafka at 127.0.0.1:PORT\")");
        }
        PipelineSpec asRead = bootstrapServers == null ? spec
                : spec.withKafka(new KafkaSpec(bootstrapServers, spec.kafka().properties()));
        List<SourceLag.Source> sources = SourceLag.read(asRead, timeout);
        PrintWriter out = command.commandLine().getOut();
        out.print(json ? json(sources) : table(sources));
        out.flush();
        List<SourceLag.Source> behind = maxLag == null ? List.of()
                : sources.stream().filter(source -> source.lag() > maxLag).toList();
        PrintWriter err = command.commandLine().getErr();
        behind.forEach(source -> err.println("lag: " + source.source() + " is " + source.lag() + " records behind, "
                + "more than --max-lag " + maxLag));
        err.flush();
        return behind.isEmpty() ? 0 : BEHIND;
    }

    static String table(List<SourceLag.Source> sources) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"SOURCE", "TOPIC", "PARTITION", "COMMITTED", "END", "LAG"});
        for (SourceLag.Source source : sources) {
            for (SourceLag.Partition partition : source.partitions()) {
                rows.add(new String[] {source.source(), source.topic(), Integer.toString(partition.partition()),
                        partition.committed() == null ? "-" : Long.toString(partition.committed()),
                        Long.toString(partition.end()), Long.toString(partition.lag())});
            }
        }
        int[] widths = new int[rows.get(0).length];
        rows.forEach(row -> {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        });
        StringBuilder text = new StringBuilder();
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                text.append(i == row.length - 1 ? row[i] : String.format("%-" + (widths[i] + 2) + "s", row[i]));
            }
            text.append(System.lineSeparator());
        }
        for (SourceLag.Source source : sources) {
            text.append(source.source()).append(": ").append(source.lag()).append(" records behind (consumer group ")
                    .append(source.group()).append(source.committed() ? ")" : "; no offsets committed yet: the job "
                            + "has not completed a checkpoint, so counted from the earliest record)")
                    .append(System.lineSeparator());
        }
        return text.toString();
    }

    static String json(List<SourceLag.Source> sources) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        ArrayNode list = root.putArray("sources");
        for (SourceLag.Source source : sources) {
            ObjectNode node = list.addObject().put("source", source.source()).put("topic", source.topic())
                    .put("group", source.group()).put("lag", source.lag()).put("committed", source.committed());
            ArrayNode partitions = node.putArray("partitions");
            for (SourceLag.Partition partition : source.partitions()) {
                partitions.addObject().put("partition", partition.partition())
                        .put("committed", partition.committed()).put("end", partition.end())
                        .put("lag", partition.lag());
            }
        }
        return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root) + System.lineSeparator();
    }
}
