package io.streamscore.bench;

import io.streamscore.event.Event;
import io.streamscore.flink.serialization.EventSerializer;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One hop of a fraud payment between two tasks: {@link EventSerializer} writing it into Flink's record buffer
 * ({@code serialize}) and reading it back ({@code deserialize}). The payment has the transaction schema's nine
 * string fields (ids, codes, an IP address), one number and seven feature columns, as after the first feature group.
 * Reports ns per payment. Run with
 * {@code java -jar streamscore-bench/target/streamscore-bench.jar jmh EventSerializerBenchmark -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EventSerializerBenchmark {
    private final DataOutputSerializer out = new DataOutputSerializer(512);
    private final DataInputDeserializer in = new DataInputDeserializer();
    private Event payment;
    private byte[] written;

    @Setup
    public void prepare() throws IOException {
        String id = "tx-00000001234567-7f3a";
        payment = new Event("transaction", "transactions", id, "u-0012345", 1_700_000_000_123L, 1_700_000_000_456L,
                new double[] {42.17, Double.NaN},
                new String[] {id, "u-0012345", "c-0012345-2", "m-100123", "grocery", "EUR", "DE", "d-0012345-1",
                        "10.12.34.56"});
        payment.features = new double[] {3, 1, 215.4, 17.0, 2, 0, Double.NaN};
        EventSerializer.INSTANCE.serialize(payment, out);
        written = out.getCopyOfBuffer();
    }

    @Benchmark
    public int serialize() throws IOException {
        out.clear();
        EventSerializer.INSTANCE.serialize(payment, out);
        return out.length();
    }

    @Benchmark
    public Event deserialize() throws IOException {
        in.setBuffer(written);
        return EventSerializer.INSTANCE.deserialize(in);
    }
}
