package io.streamscore.flink.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The drift monitor's held samples survive their checkpoint entries bit for bit; malformed bytes are refused. */
class PendingSamplesTest {
    private static final double ODD_NAN = Double.longBitsToDouble(0x7ff8_0000_0000_0123L);

    @Test
    void samplesRoundTripBitForBit() throws IOException {
        List<DriftSample> samples = List.of(
                new DriftSample(1_767_225_600_000L, false, new double[] {12.5, Double.NaN, -0.0, ODD_NAN, 1e308}),
                new DriftSample(Long.MIN_VALUE, true, new double[] {0.731}),
                new DriftSample(42, false, new double[0]));

        List<DriftSample> read = PendingSamples.read(oneEntry(samples));

        assertThat(read).hasSize(3);
        for (int i = 0; i < samples.size(); i++) {
            assertThat(read.get(i).eventTime).isEqualTo(samples.get(i).eventTime);
            assertThat(read.get(i).score).isEqualTo(samples.get(i).score);
            assertThat(bits(read.get(i).values)).isEqualTo(bits(samples.get(i).values));
        }
    }

    @Test
    void manySamplesAreSplitIntoEntriesAndReadBackInOrder() throws IOException {
        List<DriftSample> samples = new java.util.ArrayList<>();
        for (int i = 0; i < 25; i++) {
            samples.add(new DriftSample(i, i % 2 == 0, new double[] {i * 0.5}));
        }

        List<byte[]> entries = PendingSamples.write(samples, 5 + 10 * 21); // 10 samples of 21 bytes fill an entry

        assertThat(entries).hasSize(3);
        List<DriftSample> read = new java.util.ArrayList<>();
        for (byte[] entry : entries) {
            read.addAll(PendingSamples.read(entry));
        }
        assertThat(read).extracting(sample -> sample.eventTime).containsExactly(
                samples.stream().map(sample -> sample.eventTime).toArray(Long[]::new));
        assertThat(PendingSamples.write(samples.subList(0, 20), 5 + 10 * 21)).as("no empty entry after a full one")
                .hasSize(2);
        assertThat(PendingSamples.write(List.of(), 100)).hasSize(1);
        assertThat(PendingSamples.write(samples.subList(0, 2), 8)).as("a sample larger than an entry has its own")
                .hasSize(2);
    }

    @Test
    void noSamplesIsFiveBytes() throws IOException {
        byte[] bytes = oneEntry(List.of());
        assertThat(bytes).hasSize(5);
        assertThat(PendingSamples.read(bytes)).isEmpty();
    }

    @Test
    void malformedBytesAreRefusedWithTheReason() throws IOException {
        byte[] bytes = oneEntry(List.of(new DriftSample(7, false, new double[] {1, 2})));

        byte[] otherVersion = bytes.clone();
        otherVersion[0] = 9;
        assertThatThrownBy(() -> PendingSamples.read(otherVersion)).isInstanceOf(IOException.class)
                .hasMessageContaining("unknown version 9");
        assertThatThrownBy(() -> PendingSamples.read(Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(IOException.class);
        byte[] negativeCount = bytes.clone();
        negativeCount[1] = (byte) 0xff;
        assertThatThrownBy(() -> PendingSamples.read(negativeCount)).isInstanceOf(IOException.class)
                .hasMessageContaining("impossible count");
        byte[] trailing = Arrays.copyOf(bytes, bytes.length + 1);
        assertThatThrownBy(() -> PendingSamples.read(trailing)).isInstanceOf(IOException.class)
                .hasMessageContaining("after the last of 1");
    }

    private static byte[] oneEntry(List<DriftSample> samples) throws IOException {
        List<byte[]> entries = PendingSamples.write(samples, PendingSamples.ENTRY_BYTES);
        assertThat(entries).hasSize(1);
        return entries.get(0);
    }

    private static long[] bits(double[] values) {
        return Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
    }
}
