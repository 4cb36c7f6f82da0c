package org.imshss.provisioning.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoundedLineReaderTest {

    private static final int LIMIT = 8;

    @Test
    void aLineOfExactlyTheBoundIsReadOneMoreByteIsTooLongAndTheNextLineFollows() throws IOException {
        List<BoundedLineReader.Line> lines = read("12345678\n123456789\nnext\n", LIMIT);
        assertThat(lines).containsExactly(new BoundedLineReader.Line("12345678", 8),
                new BoundedLineReader.Line(null, 9), new BoundedLineReader.Line("next", 4));
        assertThat(lines.get(1).tooLong()).isTrue();
    }

    @Test
    void theBoundCountsUtf8BytesNotCharacters() throws IOException {
        // "é" is two bytes: six ASCII and one "é" are 8 bytes in 7 characters, seven and one are 9.
        assertThat(read("abcdef\u00e9\nabcdefg\u00e9\n", LIMIT)).containsExactly(
                new BoundedLineReader.Line("abcdef\u00e9", 8), new BoundedLineReader.Line(null, 9));
        // A three-byte character across the bound: 7 + 3 bytes.
        assertThat(read("abcdefg\u20ac\nok", LIMIT)).containsExactly(
                new BoundedLineReader.Line(null, 10), new BoundedLineReader.Line("ok", 2));
    }

    @Test
    void crlfEndsALineAndItsCrIsNotCounted() throws IOException {
        assertThat(read("12345678\r\n123456789\r\nab\r\n", LIMIT)).containsExactly(
                new BoundedLineReader.Line("12345678", 8), new BoundedLineReader.Line(null, 10),
                new BoundedLineReader.Line("ab", 2));
    }

    @Test
    void theLastLineNeedsNoNewlineAndEmptyLinesAreLines() throws IOException {
        assertThat(read("a\n\nlast", LIMIT)).containsExactly(new BoundedLineReader.Line("a", 1),
                new BoundedLineReader.Line("", 0), new BoundedLineReader.Line("last", 4));
        assertThat(read("a\n", LIMIT)).containsExactly(new BoundedLineReader.Line("a", 1));
        assertThat(read("", LIMIT)).isEmpty();
        assertThat(read("123456789", LIMIT)).containsExactly(new BoundedLineReader.Line(null, 9));
    }

    /** A line far longer than the reader's chunk and than anything it may keep, read in small pieces. */
    @Test
    void aLineLongerThanManyChunksIsSkippedToItsNewline() throws IOException {
        long huge = 50L << 20;
        InputStream body = new InputStream() {
            private long left = huge;
            private boolean tail;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (left > 0) {
                    int n = (int) Math.min(Math.min(length, 7_001), left);
                    java.util.Arrays.fill(buffer, offset, offset + n, (byte) 'x');
                    left -= n;
                    return n;
                }
                if (tail) {
                    return -1;
                }
                tail = true;
                byte[] rest = "\nafter\n".getBytes(StandardCharsets.UTF_8);
                System.arraycopy(rest, 0, buffer, offset, rest.length);
                return rest.length;
            }
        };
        BoundedLineReader reader = new BoundedLineReader(body, 1 << 10);
        assertThat(reader.next()).isEqualTo(new BoundedLineReader.Line(null, huge));
        assertThat(reader.next()).isEqualTo(new BoundedLineReader.Line("after", 5));
        assertThat(reader.next()).isNull();
    }

    private static List<BoundedLineReader.Line> read(String text, int limit) throws IOException {
        BoundedLineReader reader = new BoundedLineReader(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), limit);
        List<BoundedLineReader.Line> lines = new ArrayList<>();
        for (BoundedLineReader.Line line = reader.next(); line != null; line = reader.next()) {
            lines.add(line);
        }
        return lines;
    }
}
