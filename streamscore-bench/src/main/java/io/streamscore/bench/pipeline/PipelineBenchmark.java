package io.streamscore.bench.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamscore.bench.BenchJvm;
import io.streamscore.cli.local.EmbeddedKafkaBroker;
import io.streamscore.cli.local.LocalRuntime;
import io.streamscore.generate.EventGenerator;
import io.streamscore.generate.GeneratedRecord;
import io.streamscore.generate.GeneratedStream;
import io.streamscore.generate.GeneratorConfig;
import io.streamscore.spec.ChangelogSpec;
import io.streamscore.spec.PipelineSpec;
import io.streamscore.spec.RuntimeSpec;
import io.streamscore.spec.SpecLoader;
import io.streamscore.spec.StateBackend;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * {@code streamscore bench pipeline --json FILE}: the fraud example end to end on a MiniCluster against the embedded
 * Kafka broker, at 10K and 1M keys. Per key count and run: a raw Kafka consume-and-produce loop over the same input
 * (the limit), the pipeline with at-least-once and with exactly-once on the pre-generated backlog (peak events/s),
 * and each guarantee again fed live at half its peak rate (latency p50/p99 from sending a payment to its score
 * being readable; the job starts as the feed does, so the payments of the first {@code --warmup-seconds} are fed
 * but not measured: they wait for the job's start, up to half a second here, and would be the p99), each followed by
 * the raw loop fed the same payments at the same rate, plain after at-least-once and transactional after
 * exactly-once ({@link RawKafkaLive}: the latency limits). Medians over the runs. The pipeline scores with a
 * 100-tree model ({@link BenchModel}); the same pipeline without it is measured in the same run (exactly-once peak)
 * for {@code ratio_with_model_vs_without}.
 */
public final class PipelineBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * The backlog's density of event time: its payments span a few seconds, all inside the fraud spec's 35 s of
     * out-of-orderness and lateness, so none is compacted during a run (the most state per event).
     */
    private static final double BACKLOG_EVENTS_PER_SECOND = 100_000;

    private PipelineBenchmark() {}

    /** Runs the benchmark with {@code options}; {@code args}: as typed after {@code pipeline}, for the report. */
    public static int run(Options options, List<String> args) throws Exception {
        ObjectNode report = JSON.createObjectNode();
        report.put("command", "bin/streamscore bench pipeline " + String.join(" ", args));
        report.put("cores", Runtime.getRuntime().availableProcessors());
        report.put("load_average_start", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        report.put("events", options.events());
        report.set("jvm", BenchJvm.describe());
        BenchJvm.warning().ifPresent(System.err::println);
        BenchModel model = BenchModel.train(spec(null, "fraud", "transactions", "eo", options));
        report.put("model", model.describe());
        PipelineSpec base = spec(null, "fraud", "transactions", "eo", options);
        report.put("buffer_timeout_ms", base.runtime().bufferTimeout().toMillis());
        report.put("state_backend", base.runtime().stateBackend().name().toLowerCase(Locale.ROOT));
        report.put("state_cache_keys", base.runtime().stateCacheKeys());
        report.put("changelog", base.runtime().changelog().enabled());
        report.put("checkpoint_interval_ms", base.outputs().checkpointInterval().toMillis());
        report.put("parallelism", base.runtime().parallelism());
        report.put("live_seconds", options.liveSeconds());
        report.put("live_warmup_seconds", options.warmUpSeconds());
        report.put("warmup_rounds", options.warmUpRounds());
        ArrayNode byKeys = report.putArray("results");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(null, 0)) {
            for (int keys : options.keys()) {
                byKeys.add(measure(broker, keys, options, model));
            }
        }
        report.put("load_average_end", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        ObjectNode first = (ObjectNode) byKeys.get(0);
        for (String key : List.of("ratio_vs_raw_kafka", "eo_vs_alo", "p99_ms_alo", "p99_ms_eo",
                "p99_ms_raw_kafka", "p99_ms_raw_kafka_txn", "ratio_with_model_vs_without", "cpu_ratio_vs_raw_kafka",
                "cpu_eo_vs_alo")) {
            report.set(key, first.get(key));
        }
        if (byKeys.size() > 1) {
            report.put("keys_1m_vs_10k", byKeys.get(byKeys.size() - 1).get("eo_events_per_s").asDouble()
                    / first.get("eo_events_per_s").asDouble());
        }
        JSON.writerWithDefaultPrettyPrinter().writeValue(options.json().toFile(), report);
        System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        return 0;
    }

    private static ObjectNode measure(EmbeddedKafkaBroker broker, int keys, Options options, BenchModel model)
            throws Exception {
        String input = "bench-in-" + keys;
        broker.createTopics(Map.of(input, 2));
        produce(broker.bootstrapServers(), input, generate(keys, options.events(), 0,
                System.currentTimeMillis() - TimeUnit.HOURS.toMillis(1), BACKLOG_EVENTS_PER_SECOND), 0, null);
        PipelineSamples samples = new PipelineSamples();
        for (int round = 1; round <= options.warmUpRounds(); round++) {
            warmUp(broker, keys, round, input, options, model);
        }
        for (int run = 1; run <= options.runs(); run++) {
            String rawOut = "bench-raw-" + keys + "-" + run;
            broker.createTopics(Map.of(rawOut, 2));
            RawKafkaLoop.Result raw = RawKafkaLoop.run(broker.bootstrapServers(), input, rawOut, options.events());
            samples.add("raw", "events_per_s", raw.eventsPerSecond());
            samples.add("raw", "cpu_us_per_event", raw.cpuMicrosPerEvent());
            // Each run measures the three pipelines in another order, so no variant always runs warmest.
            List<String> variants = new ArrayList<>(List.of("eo_no_model", "alo", "eo"));
            Collections.rotate(variants, run - 1);
            for (String variant : variants) {
                if (variant.equals("eo_no_model")) {
                    String bare = "bench-eo-no-model-" + keys + "-" + run;
                    PipelineRun.Result result = PipelineRun.run(created(broker, spec(broker, bare, input, "eo",
                            options)), broker.bootstrapServers(), options.events());
                    samples.add(variant, "events_per_s", result.eventsPerSecond());
                    samples.add(variant, "cpu_us_per_event", result.cpuMicrosPerEvent());
                } else {
                    measureGuarantee(broker, keys, run, variant, input, options, model, samples);
                }
            }
        }
        return samples.toJson(keys, options.runs());
    }

    /**
     * Not measured: every variant once on the backlog (at most 200K payments; {@code round} names its topics), so that
     * the measured runs find the JIT done with the code they share; {@code --warmup-rounds} (3) such rounds run before
     * each key count's runs. With one at-least-once run as the only warm-up, CPU per payment still fell over the first
     * three measured runs (at 10K keys: raw loop 5.6, 3.8, 2.5 us; exactly-once 26.5, 23.1, 17.1 us), and with one
     * round still (exactly-once 21.3, 21.5, 16.4 us); after three rounds it was flat (18.0, 17.0, 16.6 us).
     */
    private static void warmUp(EmbeddedKafkaBroker broker, int keys, int round, String input, Options options,
                               BenchModel model) throws Exception {
        long events = Math.min(options.events(), 200_000);
        String suffix = keys + "-" + round;
        String rawOut = "bench-warmup-raw-" + suffix;
        broker.createTopics(Map.of(rawOut, 2));
        RawKafkaLoop.run(broker.bootstrapServers(), input, rawOut, events);
        PipelineRun.run(created(broker, spec(broker, "bench-warmup-eo-no-model-" + suffix, input, "eo", options)),
                broker.bootstrapServers(), events);
        for (String guarantee : List.of("alo", "eo")) {
            PipelineSpec spec = spec(broker, "bench-warmup-" + guarantee + "-" + suffix, input, guarantee, options);
            PipelineRun.run(created(broker, model.attach(spec)), broker.bootstrapServers(), events);
        }
    }

    /**
     * One guarantee with the model: its peak on the backlog, then fed live at half that peak for its latency, each
     * into {@code samples} under {@code guarantee}.
     */
    private static void measureGuarantee(EmbeddedKafkaBroker broker, int keys, int run, String guarantee, String input,
                                         Options options, BenchModel model, PipelineSamples samples) throws Exception {
        String name = "bench-" + guarantee + "-" + keys + "-" + run;
        PipelineSpec spec = created(broker, model.attach(spec(broker, name, input, guarantee, options)));
        PipelineRun.Result backlog = PipelineRun.run(spec, broker.bootstrapServers(), options.events());
        double peak = backlog.eventsPerSecond();
        samples.add(guarantee, "events_per_s", peak);
        samples.add(guarantee, "visible_events_per_s", backlog.visiblePerSecond());
        samples.add(guarantee, "cpu_us_per_event", backlog.cpuMicrosPerEvent());
        String live = "bench-live-" + guarantee + "-" + keys + "-" + run;
        // The raw loop's topics too, long before it is fed: a producer that wrote to a just-created partition had its
        // first batch refused (not yet led) and retried after later ones, which the broker then refused as out of
        // order for good (one run: the feed stalled and the raw loop waited for payments that never came).
        broker.createTopics(Map.of(live, 2, live + "-raw", 2, live + "-raw-out", 2));
        // the job starts while the first payments arrive: those of the warm-up are fed but not measured
        long warmUpEvents = (long) (peak / 2 * options.warmUpSeconds());
        long liveEvents = warmUpEvents + Math.max(2_000, (long) (peak / 2 * options.liveSeconds()));
        // Live, event time moves like the clock: payments are stamped at the rate they are sent.
        List<GeneratedRecord> liveInput = generate(keys, liveEvents, run, System.currentTimeMillis(), peak / 2);
        PipelineSpec liveSpec = created(broker, model.attach(spec(broker, name + "-live", live, guarantee, options)));
        String[] ids = liveInput.stream().map(PipelineBenchmark::eventId).toArray(String[]::new);
        SendTimes sentAt = new SendTimes(ids, (int) warmUpEvents);
        PipelineRun.Result atHalf = PipelineRun.run(liveSpec, broker.bootstrapServers(), liveEvents,
                () -> startProducing(broker, live, liveInput, peak / 2, sentAt), sentAt);
        RawKafkaLive.Latency limit = measureLimit(broker, live, liveInput, new SendTimes(ids, (int) warmUpEvents),
                peak / 2, guarantee.equals("eo") ? liveSpec.outputs().checkpointInterval() : null);
        samples.add(guarantee, "raw_p50_ms", limit.p50Ms());
        samples.add(guarantee, "raw_p99_ms", limit.p99Ms());
        samples.add(guarantee, "p50_ms", atHalf.p50Ms());
        samples.add(guarantee, "p99_ms", atHalf.p99Ms());
        samples.add(guarantee, "p99_ms_from_ingest", atHalf.p99FromIngestMs());
        samples.add(guarantee, "p50_ms_read", atHalf.p50UntilReadMs());
        samples.add(guarantee, "p99_ms_read", atHalf.p99UntilReadMs());
        samples.add(guarantee, "checkpoint_ms_p50", atHalf.checkpoints().durationMsP50());
        samples.add(guarantee, "checkpoint_ms_max", atHalf.checkpoints().durationMsMax());
        samples.add(guarantee, "checkpoint_bytes_p50", atHalf.checkpoints().sizeBytesP50());
        samples.addPhases(guarantee, atHalf.checkpoints().phases());
        samples.add(guarantee, "gc_pauses", atHalf.gcPauses().count());
        samples.add(guarantee, "gc_pause_ms_max", atHalf.gcPauses().maxMs());
        samples.add(guarantee, "gc_pause_ms_total", atHalf.gcPauses().totalMs());
        samples.add(guarantee, "live_read_vs_send", atHalf.readVsSend());
        System.err.printf("keys %d run %d %s: peak %.0f ev/s (%.1f us CPU/event); at %.0f ev/s p50 %.0f ms p99 %.0f ms"
                + " (until read: p50 %.0f ms p99 %.0f ms; raw loop p50 %.0f ms p99 %.0f ms); read/send %.2f; GC %s;"
                + " checkpoints %s%n", keys, run, guarantee, peak, backlog.cpuMicrosPerEvent(), peak / 2,
                atHalf.p50Ms(), atHalf.p99Ms(), atHalf.p50UntilReadMs(), atHalf.p99UntilReadMs(), limit.p50Ms(),
                limit.p99Ms(), atHalf.readVsSend(), atHalf.gcPauses(), atHalf.checkpoints());
    }

    /**
     * The raw loop fed the same live input at the same {@code rate} from a topic of its own ({@code live} + "-raw",
     * created with {@code live}), transactional with commits every {@code commitEvery} (null: plain): the latency
     * limit of a guarantee.
     */
    private static RawKafkaLive.Latency measureLimit(EmbeddedKafkaBroker broker, String live,
                                                     List<GeneratedRecord> input, SendTimes sentAt, double rate,
                                                     Duration commitEvery) throws Exception {
        String in = live + "-raw";
        String out = live + "-raw-out";
        return RawKafkaLive.run(broker.bootstrapServers(), in, out, input.size(),
                () -> startProducing(broker, in, input, rate, sentAt), sentAt, commitEvery);
    }

    /**
     * The fraud example on {@code topic}, with its own name (consumer group, transactional ids) and output topics;
     * {@code broker} null: left on the embedded bootstrap (for training, which reads no Kafka).
     */
    private static PipelineSpec spec(EmbeddedKafkaBroker broker, String name, String topic, String guarantee,
                                     Options options) throws Exception {
        String yaml;
        try (InputStream in = PipelineBenchmark.class.getResourceAsStream("/examples/fraud.yaml")) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        yaml = yaml.replace("name: fraud", "name: " + name)
                .replace("topic: transactions", "topic: " + topic)
                .replace("guarantee: exactly_once",
                        "guarantee: " + (guarantee.equals("eo") ? "exactly_once" : "at_least_once"))
                .replaceAll("_topic: fraud-", "_topic: " + name + "-");
        if (broker != null) {
            yaml = yaml.replace("bootstrap: embedded", "bootstrap: " + broker.bootstrapServers());
        }
        PipelineSpec spec = SpecLoader.parse(yaml, Path.of("."));
        RuntimeSpec runtime = spec.runtime();
        if (options.bufferTimeout() != null) {
            runtime = runtime.withBufferTimeout(options.bufferTimeout());
        }
        if (options.stateBackend() != null) {
            runtime = runtime.withStateBackend(options.stateBackend());
        }
        if (options.stateCacheKeys() != null) {
            runtime = runtime.withStateCacheKeys(options.stateCacheKeys());
        }
        if (options.changelog()) {
            runtime = runtime.withChangelog(ChangelogSpec.on(ChangelogSpec.DEFAULT_MATERIALIZATION));
        }
        if (options.parallelism() != null) {
            runtime = runtime.withParallelism(options.parallelism());
        }
        if (options.checkpointInterval() != null) {
            spec = spec.withOutputs(spec.outputs().withCheckpointInterval(options.checkpointInterval()));
        }
        return spec.withRuntime(runtime);
    }

    /** Creates every topic {@code spec} reads or writes (outputs, model control and shadow) and returns it. */
    private static PipelineSpec created(EmbeddedKafkaBroker broker, PipelineSpec spec) {
        broker.createTopics(LocalRuntime.topics(spec, 2));
        return spec;
    }

    /** Valid payments only, from {@code startTime} (epoch ms), {@code eventsPerSecond} of event time. */
    private static List<GeneratedRecord> generate(int keys, long events, long seed, long startTime,
                                                  double eventsPerSecond) {
        EventGenerator generator = new EventGenerator(GeneratorConfig.builder().seed(seed).users(keys)
                .startTime(startTime).eventsPerSecond(eventsPerSecond)
                .outOfOrder(0, Duration.ofMillis(1)).tooLate(0, Duration.ofMillis(1)).malformedShare(0).build());
        List<GeneratedRecord> records = new ArrayList<>((int) events);
        while (records.size() < events) {
            GeneratedRecord record = generator.next();
            if (record.stream() == GeneratedStream.TRANSACTIONS) {
                records.add(record);
            }
        }
        return records;
    }

    private static void startProducing(EmbeddedKafkaBroker broker, String topic, List<GeneratedRecord> records,
                                       double rate, SendTimes sentAt) {
        Thread producer = new Thread(() -> produce(broker.bootstrapServers(), topic, records, rate, sentAt),
                "bench-live-producer");
        producer.setDaemon(true);
        producer.start();
    }

    /**
     * Writes the records, paced at {@code rate} per second (0: as fast as possible), noting each one's send time in
     * {@code sentAt} (null: not noted).
     */
    private static void produce(String bootstrap, String topic, List<GeneratedRecord> records, double rate,
                                SendTimes sentAt) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.LINGER_MS_CONFIG, "2",
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"), new ByteArraySerializer(), new ByteArraySerializer())) {
            long started = System.nanoTime();
            for (int i = 0; i < records.size(); i++) {
                GeneratedRecord record = records.get(i);
                if (rate > 0) {
                    long due = started + (long) (i * 1e9 / rate);
                    LockSupport.parkNanos(due - System.nanoTime());
                }
                if (sentAt != null) {
                    sentAt.sending(i);
                }
                producer.send(new ProducerRecord<>(topic, record.key().getBytes(StandardCharsets.UTF_8),
                        record.value()));
            }
            producer.flush();
        }
    }

    private static String eventId(GeneratedRecord record) {
        try {
            return JSON.readTree(record.value()).get("event_id").asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * The options of {@code bench pipeline} ({@link PipelineCommand} parses them). {@code bufferTimeout} null: the
     * spec's own {@code runtime.buffer_timeout}; {@code stateBackend} null: the spec's own
     * {@code runtime.state_backend} (the fraud example's heap state); {@code stateCacheKeys} null: the spec's own
     * {@code runtime.state_cache_keys}; {@code changelog} false: the spec's own {@code runtime.changelog}.
     */
    record Options(Path json, int[] keys, long events, int runs, double liveSeconds, double warmUpSeconds,
                   int warmUpRounds, Duration bufferTimeout, StateBackend stateBackend, Integer stateCacheKeys,
                   boolean changelog, Duration checkpointInterval, Integer parallelism) {
        Options {
            if (warmUpRounds < 0) {
                throw new IllegalArgumentException("--warmup-rounds must be at least 0, got " + warmUpRounds);
            }
            if (keys.length == 0) {
                throw new IllegalArgumentException("--keys needs at least one key count");
            }
            if (events < 1 || runs < 1) {
                throw new IllegalArgumentException("--events and --runs must be at least 1, got " + events
                        + " and " + runs);
            }
            if (!(liveSeconds > 0) || !(warmUpSeconds >= 0)) {
                throw new IllegalArgumentException("--live-seconds must be positive and --warmup-seconds at least 0,"
                        + " got " + liveSeconds + " and " + warmUpSeconds);
            }
            if (bufferTimeout != null && bufferTimeout.isNegative()) {
                throw new IllegalArgumentException("--buffer-timeout-ms must be at least 0, got "
                        + bufferTimeout.toMillis());
            }
            if (checkpointInterval != null && (checkpointInterval.isNegative() || checkpointInterval.isZero())) {
                throw new IllegalArgumentException("--checkpoint-interval-ms must be positive, got "
                        + checkpointInterval.toMillis());
            }
            if (parallelism != null && parallelism < 1) {
                throw new IllegalArgumentException("--parallelism must be at least 1, got " + parallelism);
            }
            if (stateCacheKeys != null && stateCacheKeys < 0) {
                throw new IllegalArgumentException("--state-cache-keys must be at least 0 (0: no cache), got "
                        + stateCacheKeys);
            }
        }
    }
}
