package org.sflowmonitor.api;

import java.io.IOException;
import java.io.OutputStream;

/**
 * What {@link JsonRpcServlet} does with a request body, short of the socket: the response in
 * parts ({@link Api#respond}) written to a stream that copies them through an 8 KB buffer, as the
 * servlet container's output buffer does. {@link Api#handle} instead joins the parts into one array.
 */
public final class ServletPath {

    private ServletPath() {
    }

    /** Answers {@code body} and returns how many bytes were written. */
    public static long send(Api api, byte[] body) throws IOException {
        ResponseBody answer = api.respond(body);
        ContainerBuffer out = new ContainerBuffer();
        answer.writeTo(out);
        return out.written;
    }

    private static final class ContainerBuffer extends OutputStream {
        private final byte[] buffer = new byte[8192];
        private int used;
        private long written;

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            while (len > 0) {
                int n = Math.min(len, buffer.length - used);
                System.arraycopy(b, off, buffer, used, n);
                used = used + n == buffer.length ? 0 : used + n;
                off += n;
                len -= n;
                written += n;
            }
        }
    }
}
