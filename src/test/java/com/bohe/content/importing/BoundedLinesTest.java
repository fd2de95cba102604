package com.bohe.content.importing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;

import org.junit.jupiter.api.Test;

class BoundedLinesTest {

    @Test
    void shouldSplitLinesAsBufferedReaderDoes() throws IOException {
        BoundedLines lines = new BoundedLines(new StringReader("a\nbb\r\nccc\r\n\ndd"), 10);
        for (String expected : new String[] { "a", "bb", "ccc", "", "dd" }) {
            assertEquals(expected, lines.next().text());
        }
        assertNull(lines.next());
        assertNull(new BoundedLines(new StringReader(""), 10).next());
    }

    @Test
    void shouldDropALineOverTheLimitWithoutHoldingItAndGoOn() throws IOException {
        long huge = 300_000_000L; // 600 MB as a String: more than the tests' heap will give readLine
        Reader reader = new Reader() {
            private long left = huge;
            private final String rest = "\n{\"type\": \"department\"}\n";
            private int restAt;

            @Override
            public int read(char[] buffer, int offset, int length) {
                if (left > 0) {
                    int n = (int) Math.min(length, left);
                    java.util.Arrays.fill(buffer, offset, offset + n, 'x');
                    left -= n;
                    return n;
                }
                if (restAt == rest.length()) {
                    return -1;
                }
                int n = Math.min(length, rest.length() - restAt);
                rest.getChars(restAt, restAt + n, buffer, offset);
                restAt += n;
                return n;
            }

            @Override
            public void close() {
            }
        };
        BoundedLines lines = new BoundedLines(reader, 1_000);
        BoundedLines.Line first = lines.next();
        assertNull(first.text());
        assertEquals(huge, first.length());
        assertEquals("{\"type\": \"department\"}", lines.next().text());
        assertNull(lines.next());
    }

    @Test
    void shouldKeepALineOfExactlyTheLimit() throws IOException {
        BoundedLines lines = new BoundedLines(new StringReader("12345\n123456\n"), 5);
        assertEquals("12345", lines.next().text());
        assertNull(lines.next().text());
        assertNull(lines.next());
    }
}
