package io.streamscore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.event.AvroEventCodec;
import io.streamscore.event.Event;
import io.streamscore.event.SourceBinding;
import io.streamscore.generate.GeneratedStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code streamscore generate --stdout}: one record per line, every value byte kept. */
class GenerateCommandTest {
    private List<String[]> printed(String... options) {
        StringWriter out = new StringWriter();
        String[] args = new String[options.length + 2];
        args[0] = "generate";
        args[1] = "--stdout";
        System.arraycopy(options, 0, args, 2, options.length);
        assertThat(StreamscoreCommand.commandLine().setOut(new PrintWriter(out)).execute(args)).isZero();
        return out.toString().lines().map(line -> line.split("\t", -1)).toList();
    }

    @Test
    void avroValuesArePrintedBase64AndDecodeToTheirEvents() throws Exception {
        List<String[]> lines = printed("--format", "avro", "--count", "300", "--malformed-share", "0.05");
        AvroEventCodec transactions = new AvroEventCodec(GeneratedStream.TRANSACTIONS.schema(),
                new SourceBinding("transactions", "event_id", "user_id", "event_time",
                        SourceBinding.DEFAULT_MAX_RECORD_BYTES));

        assertThat(lines).allSatisfy(fields -> assertThat(fields).hasSize(3));
        assertThat(lines).anySatisfy(fields -> assertThat(fields[1]).isEqualTo("MALFORMED"));
        for (String[] fields : lines) {
            byte[] value = Base64.getDecoder().decode(fields[2]);
            if (fields[0].equals("transactions") && !fields[1].equals("MALFORMED")) {
                Event event = transactions.decode(value, 0L);
                assertThat(event.eventId).startsWith("tx-");
            }
        }
    }

    @Test
    void jsonValuesArePrintedAsTheirText() {
        List<String[]> lines = printed("--count", "20");

        assertThat(lines).isNotEmpty().allSatisfy(fields -> assertThat(fields).hasSize(3));
        assertThat(lines).filteredOn(fields -> !fields[1].equals("MALFORMED"))
                .allSatisfy(fields -> assertThat(fields[2]).startsWith("{").endsWith("}"));
    }

    @Test
    void linesNameTheTopicsTheRecordsWouldBeWrittenTo() {
        assertThat(printed("--count", "20", "--transactions-topic", "payments-in"))
                .extracting(fields -> fields[0]).containsOnly("payments-in");
    }

    @Test
    void theSpecsKafkaPropertiesReachTheProducer(@TempDir Path dir) throws Exception {
        // SASL without a JAAS config: a producer built with the spec's properties refuses to start, at once.
        Path spec = Files.writeString(dir.resolve("sasl.yaml"), """
                name: sasl
                kafka:
                  bootstrap: 127.0.0.1:1
                  properties: {security.protocol: SASL_PLAINTEXT, sasl.mechanism: PLAIN}
                sources:
                  transactions: {topic: payments, schema: transaction, key: user_id, event_time: event_time}
                outputs: {scores_topic: scores, alerts_topic: alerts, late_topic: late, dead_letter_topic: dead}
                """);
        StringWriter err = new StringWriter();

        int exit = StreamscoreCommand.commandLine().setOut(new PrintWriter(new StringWriter()))
                .setErr(new PrintWriter(err)).execute("generate", "--spec", spec.toString(), "--count", "10");

        assertThat(exit).isNotZero();
        assertThat(err.toString()).contains("JAAS");
    }

    @Test
    void everyOptionIsDescribedInTheHelp() {
        CommandLine.Model.CommandSpec generate = StreamscoreCommand.commandLine().getSubcommands().get("generate")
                .getCommandSpec();

        assertThat(generate.options()).allSatisfy(option ->
                assertThat(String.join(" ", option.description())).as(option.longestName()).isNotBlank());
    }
}
