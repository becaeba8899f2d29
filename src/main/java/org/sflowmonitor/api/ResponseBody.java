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
    /** Per part how many of its first bytes belong to the body. */
    private final int[] lengths;

    ResponseBody(byte[]... parts) {
        this.parts = parts;
        this.lengths = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            lengths[i] = parts[i].length;
        }
    }

    /** The envelope's head, a result's text (the first bytes of its array), the tail. */
    ResponseBody(byte[] head, WrittenJson result, byte[] tail) {
        this.parts = new byte[][] {head, result.array(), tail};
        this.lengths = new int[] {head.length, result.length(), tail.length};
    }

    int length() {
        int length = 0;
        for (int part : lengths) {
            length += part;
        }
        return length;
    }

    void writeTo(OutputStream out) throws IOException {
        for (int i = 0; i < parts.length; i++) {
            out.write(parts[i], 0, lengths[i]);
        }
    }

    /** The whole body in one array. */
    byte[] bytes() {
        if (parts.length == 1) {
            return parts[0];
        }
        byte[] all = new byte[length()];
        int at = 0;
        for (int i = 0; i < parts.length; i++) {
            System.arraycopy(parts[i], 0, all, at, lengths[i]);
            at += lengths[i];
        }
        return all;
    }
}
