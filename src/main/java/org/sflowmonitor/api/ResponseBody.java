package org.sflowmonitor.api;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A response body as parts sent one after the other: a result already written as JSON (a kept
 * fleet-wide answer of several megabytes, a series) goes out from its own bytes between the
 * envelope's head and tail instead of being copied into one array for every call.
 */
final class ResponseBody {

    private final WrittenJson[] parts;

    ResponseBody(byte[] whole) {
        this.parts = new WrittenJson[] {new WrittenJson(whole)};
    }

    /** The envelope's head, a result's text (in the pieces it was written into), the tail. */
    ResponseBody(byte[] head, WrittenJson result, byte[] tail) {
        this.parts = new WrittenJson[] {new WrittenJson(head), result, new WrittenJson(tail)};
    }

    int length() {
        int length = 0;
        for (WrittenJson part : parts) {
            length += part.length();
        }
        return length;
    }

    void writeTo(OutputStream out) throws IOException {
        for (WrittenJson part : parts) {
            part.writeUnquotedUTF8(out);
        }
    }

    /** The whole body in one array. */
    byte[] bytes() {
        if (parts.length == 1) {
            return parts[0].bytes();
        }
        byte[] all = new byte[length()];
        int at = 0;
        for (WrittenJson part : parts) {
            at += part.appendUnquotedUTF8(all, at);
        }
        return all;
    }
}
