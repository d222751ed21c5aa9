package io.streamscore.cli.generate;

import io.streamscore.generate.GeneratedRecord;
import io.streamscore.generate.GeneratedStream;
import io.streamscore.generate.RecordKind;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes generated records to Kafka, one topic per stream, until stopped or a number of transactions is reached.
 *
 * <p>Paced mode follows the simulated clock: a record is sent when the wall clock has advanced as far from the
 * start as the record's event time has from the first event, so event time tracks wall-clock time and latencies
 * measured from event time mean something. Out-of-order and too-late records are sent at their place in the
 * sequence, behind the clock. Unpaced mode sends as fast as the producer takes them.
 */
public final class GeneratorProducer implements Runnable, AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer;
    private final Map<GeneratedStream, String> topics;
    private final Iterator<GeneratedRecord> records;
    private final boolean paced;
    private final long maxTransactions;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Map<RecordKind, AtomicLong> transactionsByKind = new EnumMap<>(RecordKind.class);
    private final Map<GeneratedStream, AtomicLong> recordsByStream = new EnumMap<>(GeneratedStream.class);
    private final AtomicReference<Exception> sendFailure = new AtomicReference<>();

    /**
     * @param topics where each stream goes; streams not in the map are not written
     * @param paced follow the simulated clock (true) or send as fast as possible (false)
     * @param maxTransactions stop after this many transactions (Long.MAX_VALUE: until {@link #close()})
     * @param properties Kafka client properties of the cluster (a spec's {@code kafka.properties}: SASL, TLS)
     */
    public GeneratorProducer(String bootstrapServers, Map<String, String> properties,
                             Map<GeneratedStream, String> topics, Iterator<GeneratedRecord> records, boolean paced,
                             long maxTransactions) {
        Map<String, Object> config = new HashMap<>(properties);
        config.putAll(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                // One request in flight. The generator writes to topics created seconds before; when the first
                // batch to a partition gets a retriable error while later in-flight ones are accepted, the
                // idempotent retry of sequence 0 is refused as out of order until the delivery timeout (seen here).
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1",
                ProducerConfig.LINGER_MS_CONFIG, "5",
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"));
        this.producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
        this.topics = Map.copyOf(topics);
        this.records = records;
        this.paced = paced;
        this.maxTransactions = maxTransactions;
        for (RecordKind kind : RecordKind.values()) {
            transactionsByKind.put(kind, new AtomicLong());
        }
        for (GeneratedStream stream : GeneratedStream.values()) {
            recordsByStream.put(stream, new AtomicLong());
        }
    }

    @Override
    public void run() {
        long wallStart = System.currentTimeMillis();
        long simulatedStart = Long.MIN_VALUE;
        try {
            while (running.get() && transactions() < maxTransactions && sendFailure.get() == null) {
                GeneratedRecord record = records.next();
                if (simulatedStart == Long.MIN_VALUE) {
                    simulatedStart = record.eventTime();
                }
                if (paced && !waitFor(wallStart + (record.eventTime() - simulatedStart))) {
                    break;
                }
                send(record);
            }
            producer.flush();
        } finally {
            running.set(false);
        }
    }

    private void send(GeneratedRecord record) {
        String topic = topics.get(record.stream());
        if (topic == null) {
            return;
        }
        byte[] key = record.key() == null ? null : record.key().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        producer.send(new ProducerRecord<>(topic, key, record.value()), (metadata, failure) -> {
            if (failure != null) {
                sendFailure.compareAndSet(null, failure);
            }
        });
        recordsByStream.get(record.stream()).incrementAndGet();
        if (record.stream() == GeneratedStream.TRANSACTIONS) {
            transactionsByKind.get(record.kind()).incrementAndGet();
        }
    }

    /** Sleeps until the wall clock reaches {@code wallTime}; false if stopped meanwhile. */
    private boolean waitFor(long wallTime) {
        long ahead = wallTime - System.currentTimeMillis();
        while (ahead > 2 && running.get()) {
            try {
                Thread.sleep(Math.min(ahead, 100));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            ahead = wallTime - System.currentTimeMillis();
        }
        return running.get();
    }

    /** Transactions handed to the producer so far (valid, out of order, too late and malformed). */
    public long transactions() {
        long total = 0;
        for (AtomicLong count : transactionsByKind.values()) {
            total += count.get();
        }
        return total;
    }

    public long transactions(RecordKind kind) {
        return transactionsByKind.get(kind).get();
    }

    public long records(GeneratedStream stream) {
        return recordsByStream.get(stream).get();
    }

    /** The first send that failed, if any: the generator stops at it rather than losing records silently. */
    public Exception failure() {
        return sendFailure.get();
    }

    public boolean isRunning() {
        return running.get();
    }

    /** Stops generating; what was handed to the producer is flushed before {@link #run()} returns. */
    public void stop() {
        running.set(false);
    }

    @Override
    public void close() {
        stop();
        producer.close(Duration.ofSeconds(30));
    }
}
