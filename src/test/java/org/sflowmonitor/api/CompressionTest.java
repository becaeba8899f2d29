package org.sflowmonitor.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.StringJoiner;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standalone server gzips /api answers of a few kilobytes and more for a client that asks
 * (Accept-Encoding), over real HTTP; the decompressed body is the answer it sends uncompressed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CompressionTest {

    /** A batch of this many calls answers well over the 2 KB from which answers are compressed. */
    private static final int CALLS = 80;

    private RunningService service;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start(@TempDir Path temp) throws Exception {
        service = RunningService.start(temp);
    }

    @AfterAll
    void stop() {
        service.close();
    }

    @Test
    void aLargeAnswerIsGzippedWhenTheClientAcceptsGzipAndUnzipsToThePlainAnswer() throws Exception {
        HttpResponse<byte[]> plain = post(batch(), null);
        HttpResponse<byte[]> gzipped = post(batch(), "gzip, deflate");

        assertEquals("gzip", gzipped.headers().firstValue("Content-Encoding").orElse(null));
        assertTrue(gzipped.body().length < plain.body().length / 3,
                gzipped.body().length + " compressed bytes of " + plain.body().length);
        assertEquals(new String(plain.body(), StandardCharsets.UTF_8), gunzip(gzipped.body()));
    }

    @Test
    void aClientThatDoesNotAskGetsThePlainAnswer() throws Exception {
        HttpResponse<byte[]> plain = post(batch(), null);

        assertFalse(plain.headers().firstValue("Content-Encoding").isPresent());
        assertTrue(new String(plain.body(), StandardCharsets.UTF_8).startsWith("[{\"jsonrpc\":\"2.0\""));
    }

    @Test
    void aSmallAnswerIsNotCompressed() throws Exception {
        HttpResponse<byte[]> small = post("{\"jsonrpc\":\"2.0\",\"method\":\"apiinfo.version\",\"id\":1}", "gzip");

        assertFalse(small.headers().firstValue("Content-Encoding").isPresent());
        assertTrue(new String(small.body(), StandardCharsets.UTF_8).contains("\"result\""));
    }

    private static String batch() {
        StringJoiner calls = new StringJoiner(",", "[", "]");
        for (int i = 0; i < CALLS; i++) {
            calls.add("{\"jsonrpc\":\"2.0\",\"method\":\"apiinfo.version\",\"id\":" + i + "}");
        }
        return calls.toString();
    }

    private HttpResponse<byte[]> post(String body, String acceptEncoding) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.httpPort()
                        + "/api")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (acceptEncoding != null) {
            request.header("Accept-Encoding", acceptEncoding);
        }
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode());
        return response;
    }

    private static String gunzip(byte[] body) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
