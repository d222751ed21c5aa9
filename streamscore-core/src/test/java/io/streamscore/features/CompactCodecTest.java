package io.streamscore.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CompactCodecTest {

    @Test
    void doublesComeBackWithTheSameBitsAndMoneyIsShort() throws IOException {
        double[] values = {0.0, -0.0, 1.0, -1.0, 12.34, -99.99, 0.1 + 0.2, 1e300, -1e-300, Double.MIN_VALUE,
            Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN,
            Double.longBitsToDouble(0x7ff8000000000001L), Double.longBitsToDouble(0xfff8000000000000L),
            9007199254740992.0, 9007199254740993.0, -9007199254740992.0, 90071992547409.91, 1.7e12, 0.005};
        for (double value : values) {
            assertThat(Double.doubleToRawLongBits(roundTrip(value))).as("%s", value)
                    .isEqualTo(Double.doubleToRawLongBits(value));
        }
        assertThat(encoded(12.34)).hasSize(2);
        assertThat(encoded(1.0)).hasSize(1);
        assertThat(encoded(Double.NaN)).hasSize(1);
        assertThat(encoded(0.1 + 0.2)).hasSize(9);
    }

    @Test
    void randomDoublesAndAmountsRoundTripExactly() throws IOException {
        Random random = new Random(5);
        for (int i = 0; i < 100_000; i++) {
            double value = switch (i % 3) {
                case 0 -> Double.longBitsToDouble(random.nextLong());
                case 1 -> random.nextInt(10_000_000) / 100.0 - 50_000;
                default -> random.nextGaussian() * Math.pow(10, random.nextInt(30) - 15);
            };
            assertThat(Double.doubleToRawLongBits(roundTrip(value))).isEqualTo(Double.doubleToRawLongBits(value));
        }
    }

    @Test
    void signedVarintsCoverTheWholeRange() throws IOException {
        long[] values = {0, 1, -1, 63, -64, 64, 1L << 53, -(1L << 53) - 1, Long.MAX_VALUE, Long.MIN_VALUE};
        for (long value : values) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CompactCodec.writeSigned(new DataOutputStream(bytes), value);
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
            assertThat(CompactCodec.readSigned(in)).isEqualTo(value);
            assertThat(in.available()).isZero();
        }
    }

    @Test
    void version2DistinctKeysReadBackAsciiOrNot() throws IOException {
        Object[] keys = {null, "", "m-100123", "caf\u00e9", "\u65e5\u672c", "\ud83d\ude00x", 12.34, -0.0, Double.NaN};
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        for (Object key : keys) {
            writeVersion2Key(out, key);
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
        for (Object key : keys) {
            assertThat(DistinctKeys.readCompact(in)).isEqualTo(key);
        }
        assertThat(in.available()).isZero();
        assertThat(bytes.size()).isEqualTo(1 + 1 + 9 + 6 + 7 + 6 + 3 + 10 + 2);
    }

    /** A key as version 2 of the window state wrote it (the current version writes hashes instead). */
    private static void writeVersion2Key(DataOutputStream out, Object key) throws IOException {
        if (key == null) {
            out.writeByte(0);
        } else if (key instanceof String s) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            CompactCodec.writeUnsigned(out, 2L + utf8.length);
            out.write(utf8);
        } else {
            out.writeByte(1);
            CompactCodec.writeDouble(out, (Double) key);
        }
    }

    private static byte[] encoded(double value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CompactCodec.writeDouble(new DataOutputStream(bytes), value);
        return bytes.toByteArray();
    }

    private static double roundTrip(double value) throws IOException {
        byte[] bytes = encoded(value);
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        double read = CompactCodec.readDouble(in);
        assertThat(in.available()).isZero();
        return read;
    }
}
