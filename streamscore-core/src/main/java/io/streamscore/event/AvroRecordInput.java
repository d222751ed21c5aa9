package io.streamscore.event;

import java.io.ByteArrayInputStream;
import java.io.EOFException;

/**
 * The bytes of the Avro record being decoded, as a stream Avro's direct (unbuffered) decoder reads from. Reused
 * from record to record; besides the stream, it lets the reader look at a length prefix before Avro acts on it.
 */
final class AvroRecordInput extends ByteArrayInputStream {

    AvroRecordInput() {
        super(new byte[0]);
    }

    /** Starts reading the next record. */
    void reset(byte[] bytes) {
        buf = bytes;
        pos = 0;
        mark = 0;
        count = bytes.length;
    }

    /**
     * Checks the zig-zag varint length prefix at the current position (of a string or bytes value) against the bytes
     * left, without consuming it. Avro allocates the declared length before reading the content, so a few corrupt
     * bytes declaring a 2 GiB string would otherwise cost 2 GiB of heap, or the whole task manager. Negative,
     * truncated and over-long prefixes are left to Avro, which reports them itself.
     *
     * @throws EOFException if the declared length exceeds the bytes that follow the prefix
     */
    void requireDeclaredLengthFits() throws EOFException {
        long raw = 0;
        for (int p = pos, shift = 0; p < count && shift < Long.SIZE; shift += 7) {
            int b = buf[p++] & 0xff;
            raw |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                long length = (raw >>> 1) ^ -(raw & 1);
                if (length > count - p) {
                    throw new EOFException("a value of " + length + " bytes is declared but only " + (count - p)
                            + " bytes are left");
                }
                return;
            }
        }
    }
}
