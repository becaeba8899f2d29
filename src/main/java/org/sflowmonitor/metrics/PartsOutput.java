package org.sflowmonitor.metrics;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Where a format writer writes the parts of one exposition, one call per part: the trailer it
 * ends every call with (OpenMetrics' "# EOF\n"; text 0.0.4 has none) is held back, checked at
 * the end of each part and written once by {@link #finish()}. Flushes stop here, so that the
 * parts do not become as many HTTP chunks.
 */
final class PartsOutput extends OutputStream {

    private final OutputStream out;
    private final byte[] trailer;
    /** The last bytes written, at most as many as the trailer has: they may be it. */
    private final byte[] held;
    private int heldCount;

    PartsOutput(OutputStream out, byte[] trailer) {
        this.out = out;
        this.trailer = trailer.clone();
        this.held = new byte[trailer.length];
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        int passOn = heldCount + len - held.length;
        if (passOn > 0) {
            int fromHeld = Math.min(passOn, heldCount);
            out.write(held, 0, fromHeld);
            System.arraycopy(held, fromHeld, held, 0, heldCount - fromHeld);
            heldCount -= fromHeld;
            out.write(b, off, passOn - fromHeld);
            off += passOn - fromHeld;
            len -= passOn - fromHeld;
        }
        System.arraycopy(b, off, held, heldCount, len);
        heldCount += len;
    }

    /** Ends a part: what is held back must be the trailer. */
    void endOfPart() {
        if (!Arrays.equals(held, 0, heldCount, trailer, 0, trailer.length)) {
            throw new IllegalStateException("the format writer did not end a part with its trailer");
        }
        heldCount = 0;
    }

    /** Writes the trailer once, after the last part. */
    void finish() throws IOException {
        out.write(trailer);
    }

    @Override
    public void flush() {
        // the exposition is flushed as a whole when it is closed
    }
}
