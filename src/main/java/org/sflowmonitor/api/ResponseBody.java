package org.sflowmonitor.api;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A response body as parts sent one after the other: a result already written as JSON (a kept
 * fleet-wide answer of several megabytes, a series) goes out from its own bytes between the
 * envelope's head and tail instead of being copied into one array for every call.
 */
final class ResponseBody {

    private final byte[][] parts;

    ResponseBody(byte[]... parts) {
        this.parts = parts;
    }

    int length() {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        return length;
    }

    void writeTo(OutputStream out) throws IOException {
        for (byte[] part : parts) {
            out.write(part);
        }
    }

    /** The whole body in one array. */
    byte[] bytes() {
        if (parts.length == 1) {
            return parts[0];
        }
        byte[] all = new byte[length()];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
