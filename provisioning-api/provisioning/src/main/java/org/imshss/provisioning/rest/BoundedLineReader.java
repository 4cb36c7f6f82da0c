package org.imshss.provisioning.rest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The lines of an NDJSON body, read from its bytes with a bound on each line that holds while the line is read: of
 * a longer line no more than the bound is kept, the rest is read up to its newline and dropped. So no line, however
 * long, costs more memory than the bound ({@code BufferedReader.readLine} keeps a whole line before anyone can look
 * at its length). Lines end with LF or CRLF; the last one may have no end. The bound counts UTF-8 bytes without the
 * line end; bytes that are not UTF-8 become U+FFFD.
 */
final class BoundedLineReader {

    /** One line: its text, or no text when it had more than the bound ({@code bytes} says how many it had). */
    record Line(String text, long bytes) {
        boolean tooLong() {
            return text == null;
        }
    }

    private final InputStream in;
    private final int maxBytes;
    private final byte[] chunk = new byte[1 << 16];
    private int position;
    private int end;
    /** The line read so far: up to maxBytes + 1 bytes, so that a line of exactly maxBytes can still end in CR. */
    private byte[] kept = new byte[1 << 10];
    private int keptLength;

    BoundedLineReader(InputStream in, int maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("a line bound must be positive, not " + maxBytes);
        }
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /** The next line, or null at the end of the input. */
    Line next() throws IOException {
        keptLength = 0;
        long length = 0;
        boolean started = false;
        while (true) {
            if (position == end && !fill()) {
                return started ? line(length) : null;
            }
            started = true;
            int newline = indexOfNewline();
            int stop = newline < 0 ? end : newline;
            keep(stop - position);
            length += stop - position;
            position = newline < 0 ? end : newline + 1;
            if (newline >= 0) {
                return line(length);
            }
        }
    }

    private boolean fill() throws IOException {
        int n = in.read(chunk);
        position = 0;
        end = Math.max(n, 0);
        return n > 0;
    }

    private int indexOfNewline() {
        for (int i = position; i < end; i++) {
            if (chunk[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Keeps what still fits under the bound (plus one byte for a CR) of the next n bytes of the chunk. */
    private void keep(int n) {
        int take = (int) Math.min(n, maxBytes + 1L - keptLength);
        if (take <= 0) {
            return;
        }
        if (keptLength + take > kept.length) {
            kept = Arrays.copyOf(kept, (int) Math.min(maxBytes + 1L,
                    Math.max(keptLength + (long) take, 2L * kept.length)));
        }
        System.arraycopy(chunk, position, kept, keptLength, take);
        keptLength += take;
    }

    private Line line(long length) {
        if (length <= maxBytes + 1L && keptLength > 0 && kept[keptLength - 1] == '\r') {
            keptLength--;
            length--;
        }
        if (length > maxBytes) {
            return new Line(null, length);
        }
        return new Line(new String(kept, 0, keptLength, StandardCharsets.UTF_8), length);
    }
}
