package io.streamscore.serving;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A request body read up to a limit: past it, reading fails with a 413 instead of filling the heap (the whole body is
 * held while a request is decoded; a chunked body announces no length). A {@code Content-Length} over the limit is
 * refused before anything is read.
 */
final class BoundedBody extends FilterInputStream {
    private final long limit;
    private long read;

    private BoundedBody(InputStream body, long limit) {
        super(body);
        this.limit = limit;
    }

    static InputStream of(InputStream body, String contentLength, long limit) {
        if (contentLength != null) {
            try {
                if (Long.parseLong(contentLength.trim()) > limit) {
                    throw tooLarge(limit);
                }
            } catch (NumberFormatException e) {
                throw InferenceException.badRequest("Content-Length '" + contentLength + "' is not a number");
            }
        }
        return new BoundedBody(body, limit);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        count(b < 0 ? 0 : 1);
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        count(Math.max(n, 0));
        return n;
    }

    private void count(int n) {
        read += n;
        if (read > limit) {
            throw tooLarge(limit);
        }
    }

    private static InferenceException tooLarge(long limit) {
        return new InferenceException(413, "the request body is over the server's limit of " + (limit >> 20)
                + " MiB; send fewer rows per request (binary_data halves the size of JSON numbers)");
    }
}
