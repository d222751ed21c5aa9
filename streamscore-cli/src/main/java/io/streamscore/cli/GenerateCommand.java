package io.streamscore.cli;

import io.streamscore.cli.demo.DemoGenerator;
import io.streamscore.cli.generate.GeneratorProducer;
import io.streamscore.generate.EventGenerator;
import io.streamscore.generate.GeneratedRecord;
import io.streamscore.generate.GeneratedStream;
import io.streamscore.generate.GeneratorConfig;
import io.streamscore.spec.Format;
import io.streamscore.spec.PipelineSpec;
import io.streamscore.spec.SourceSpec;
import io.streamscore.spec.SpecLoader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code streamscore generate}: deterministic synthetic payments (with fraud, disorder, late and malformed records)
 * and their delayed labels, written to a Kafka cluster or printed.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write generated transactions (and labels, clicks) to Kafka, or print them with --stdout.")
public final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--bootstrap", paramLabel = "HOST:PORT", description = "Kafka bootstrap servers.")
    String bootstrap;

    @Option(names = "--spec", paramLabel = "SPEC",
            description = "Take the topic, format and disorder bounds from this pipeline spec's transactions source "
                    + "(and, without --bootstrap, its kafka.bootstrap and kafka.properties).")
    Path specFile;

    /** The spec's client properties when its cluster is the one written to (no --bootstrap). */
    private Map<String, String> kafkaProperties = Map.of();

    @Option(names = "--count", defaultValue = "100000",
            description = "Transactions to generate (default: ${DEFAULT-VALUE}).")
    long count;

    @Option(names = "--rate", defaultValue = "0", paramLabel = "EVENTS_PER_SECOND",
            description = "Pace to this many transactions per second, event time following the wall clock; "
                    + "0 = as fast as possible (default).")
    double rate;

    @Option(names = "--seed", defaultValue = "42",
            description = "Seed: the same seed gives the same records (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--start-time", paramLabel = "EPOCH_MILLIS",
            description = "Event time of the first record; default: now minus the span of the records "
                    + "at the simulated rate.")
    Long startTime;

    @Option(names = "--format", description = "json or avro (default: json, or the spec's).")
    Format format;

    @Option(names = "--transactions-topic", defaultValue = "transactions", paramLabel = "TOPIC",
            description = "Topic to write the transactions to (default: ${DEFAULT-VALUE}, or the --spec's).")
    String transactionsTopic;
    @Option(names = "--labels-topic", description = "Also write labels to this topic.") String labelsTopic;
    @Option(names = "--clicks-topic", description = "Also write clicks to this topic.") String clicksTopic;
    @Option(names = "--clicks-per-transaction", defaultValue = "2.0", paramLabel = "N",
            description = "With --clicks-topic: web clicks per transaction, on average (default: ${DEFAULT-VALUE}).")
    double clicksPerTransaction;
    @Option(names = "--malformed-share", defaultValue = "0.01", paramLabel = "SHARE",
            description = "Share of transactions written malformed, for the dead-letter path (default: "
                    + "${DEFAULT-VALUE}).")
    double malformedShare;
    @Option(names = "--late-share", defaultValue = "0.01", paramLabel = "SHARE",
            description = "Share of transactions that arrive too late, --late-delay behind (default: "
                    + "${DEFAULT-VALUE}).")
    double lateShare;
    @Option(names = "--out-of-order-share", defaultValue = "0.05", paramLabel = "SHARE",
            description = "Share of transactions that arrive out of order, up to --out-of-order-delay behind "
                    + "(default: ${DEFAULT-VALUE}).")
    double outOfOrderShare;
    @Option(names = "--out-of-order-delay", paramLabel = "DURATION",
            description = "Largest delay of an out-of-order record (default: 4s, or 4/5 of the spec's "
                    + "max_out_of_orderness).")
    Duration outOfOrderDelay;
    @Option(names = "--late-delay", paramLabel = "DURATION",
            description = "How far behind the newest event a too-late record is (default: 2h, or the spec's "
                    + "bounds + 1h).")
    Duration lateDelay;
    @Option(names = "--label-time-scale", defaultValue = "1440",
            description = "Compress label delays: 1440 turns a day into a minute (default: ${DEFAULT-VALUE}).")
    double labelTimeScale;

    @Option(names = "--stdout", description = "Print the records instead of writing to Kafka, one per line: "
            + "TOPIC<TAB>KIND<TAB>VALUE, where KIND is VALID, OUT_OF_ORDER, TOO_LATE or MALFORMED and VALUE is the "
            + "JSON text, or with --format avro the Avro bytes base64-encoded (RFC 4648, with padding).")
    boolean stdout;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = command.commandLine().getOut();
        OptionChecks.notNegative(command, "--rate", rate, "sends as fast as possible");
        OptionChecks.atLeast(command, "--count", count, 1);
        OptionChecks.kafkaServers(command, "--bootstrap", bootstrap);
        OptionChecks.share(command, "--malformed-share", malformedShare);
        OptionChecks.share(command, "--late-share", lateShare);
        OptionChecks.share(command, "--out-of-order-share", outOfOrderShare);
        OptionChecks.notNegative(command, "--clicks-per-transaction", clicksPerTransaction, "writes no clicks");
        OptionChecks.positive(command, "--late-delay", lateDelay);
        OptionChecks.positive(command, "--out-of-order-delay", outOfOrderDelay);
        OptionChecks.positive(command, "--label-time-scale", labelTimeScale);
        GeneratorConfig config = config();
        if (stdout) {
            print(new EventGenerator(config), config.format(), topics(), out);
            return 0;
        }
        if (bootstrap == null) {
            throw new CommandLine.ParameterException(command.commandLine(),
                    "generate needs a Kafka cluster: give --bootstrap HOST:PORT (or a --spec whose kafka.bootstrap "
                            + "is not 'embedded'), or use --stdout");
        }
        Map<GeneratedStream, String> topics = topics();
        long started = System.nanoTime();
        try (GeneratorProducer producer = new GeneratorProducer(bootstrap, kafkaProperties, topics,
                new EventGenerator(config), rate > 0, count)) {
            producer.run();
            if (producer.failure() != null) {
                out.println("Stopped: could not write to Kafka: " + producer.failure());
                return 1;
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            out.printf("Wrote %,d transactions to %s in %.1f s (%,.0f/s)%s%n", producer.transactions(),
                    transactionsTopic,
                    seconds, producer.transactions() / seconds,
                    labelsTopic == null ? "" : String.format(", %,d labels to %s",
                            producer.records(GeneratedStream.LABELS), labelsTopic));
        }
        return 0;
    }

    private GeneratorConfig config() {
        double simulatedRate = rate > 0 ? rate : GeneratorConfig.DEFAULT_EVENTS_PER_SECOND;
        long start = startTime != null ? startTime
                : rate > 0 ? System.currentTimeMillis()
                : System.currentTimeMillis() - (long) (count / simulatedRate * 1000);
        GeneratorConfig.Builder builder = GeneratorConfig.builder();
        if (specFile != null) {
            PipelineSpec spec = SpecLoader.load(specFile);
            var source = transactionSource(spec);
            builder = DemoGenerator.configFor(source, seed, start, simulatedRate);
            transactionsTopic = source.topic();
            if (bootstrap == null && !spec.kafka().embedded()) {
                bootstrap = spec.kafka().bootstrap();
                kafkaProperties = spec.kafka().properties();
            }
        }
        builder.seed(seed).startTime(start).eventsPerSecond(simulatedRate)
                .malformedShare(malformedShare).labelTimeScale(labelTimeScale)
                .clicksPerTransaction(clicksTopic == null ? 0 : clicksPerTransaction);
        builder.tooLateShare(lateShare).outOfOrderShare(outOfOrderShare);
        if (outOfOrderDelay != null) {
            builder.outOfOrderMaxDelay(outOfOrderDelay);
        }
        if (lateDelay != null) {
            builder.tooLateDelay(lateDelay);
        }
        if (format != null) {
            builder.format(format);
        }
        return builder.build();
    }

    private SourceSpec transactionSource(PipelineSpec spec) {
        try {
            return DemoGenerator.transactionSource(spec);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(command.commandLine(), "--spec " + specFile + ": "
                    + e.getMessage() + "; generate writes payments: give a spec with a `schema: transaction` "
                    + "source");
        }
    }

    /** The topic of each stream written: transactions (from --spec or the option), and labels and clicks if asked. */
    private Map<GeneratedStream, String> topics() {
        Map<GeneratedStream, String> topics = new EnumMap<>(GeneratedStream.class);
        topics.put(GeneratedStream.TRANSACTIONS, transactionsTopic);
        if (labelsTopic != null) {
            topics.put(GeneratedStream.LABELS, labelsTopic);
        }
        if (clicksTopic != null) {
            topics.put(GeneratedStream.CLICKS, clicksTopic);
        }
        return topics;
    }

    /**
     * One line per record: topic (as it would be written to Kafka; a stream's default topic for one not asked for),
     * kind and value, tab-separated. JSON values are one line of UTF-8 text already;
     * Avro values are binary (and malformed ones random bytes), so they are printed base64-encoded, which keeps
     * every byte and every record on its own line.
     */
    private void print(EventGenerator records, Format valueFormat, Map<GeneratedStream, String> topics,
                       PrintWriter out) {
        for (long transactions = 0; transactions < count; ) {
            GeneratedRecord record = records.next();
            if (record.stream() == GeneratedStream.TRANSACTIONS) {
                transactions++;
            }
            String value = valueFormat == Format.AVRO ? Base64.getEncoder().encodeToString(record.value())
                    : new String(record.value(), StandardCharsets.UTF_8);
            out.println(topics.getOrDefault(record.stream(), record.stream().defaultTopic()) + "\t" + record.kind()
                    + "\t" + value);
        }
        out.flush();
    }
}
