package com.bohe.content.importing;

import java.io.IOException;
import java.io.Reader;

/**
 * Lines of a reader, each at most {@code max} characters: a longer line is read to its end and dropped, never held
 * whole (a 150 MiB line read with readLine took 820 MiB of heap). Ends of line as BufferedReader: \n, \r or \r\n.
 */
final class BoundedLines {

    /** A line as read: its text, or null when it was longer than allowed (then {@code length} tells how long). */
    record Line(String text, long length) {
    }

    private final Reader reader;
    private final int max;
    private final StringBuilder line = new StringBuilder();
    private final char[] buffer = new char[8192];
    private int position;
    private int limit;
    private boolean skipLineFeed;

    BoundedLines(Reader reader, int max) {
        this.reader = reader;
        this.max = max;
    }

    /** @return the next line, or null at the end of the input */
    Line next() throws IOException {
        line.setLength(0);
        long length = 0;
        boolean any = false;
        while (true) {
            if (position == limit) {
                limit = reader.read(buffer, 0, buffer.length);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return any ? line(length) : null;
                }
            }
            char c = buffer[position++];
            if (skipLineFeed) {
                skipLineFeed = false;
                if (c == '\n') {
                    continue;
                }
            }
            any = true;
            if (c == '\n' || c == '\r') {
                skipLineFeed = c == '\r';
                return line(length);
            }
            length++;
            if (length <= max) {
                line.append(c);
            } else if (line.length() > 0) {
                line.setLength(0);
                line.trimToSize();
            }
        }
    }

    private Line line(long length) {
        return length > max ? new Line(null, length) : new Line(line.toString(), length);
    }
}
