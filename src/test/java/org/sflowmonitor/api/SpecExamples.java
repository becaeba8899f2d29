package org.sflowmonitor.api;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.googlecode.jsonrpc4j.JsonRpcMethod;
import com.googlecode.jsonrpc4j.JsonRpcParam;

/** The handlers the examples of the JSON-RPC 2.0 specification call, registered without a namespace. */
public interface SpecExamples {

    int subtract(@JsonRpcParam("minuend") int minuend, @JsonRpcParam("subtrahend") int subtrahend);

    int sum(@JsonRpcParam("a") int a, @JsonRpcParam("b") int b, @JsonRpcParam("c") int c);

    @JsonRpcMethod("get_data")
    List<Object> getData();

    @JsonRpcMethod("notify_hello")
    void notifyHello(@JsonRpcParam("n") int n);

    @JsonRpcMethod("notify_sum")
    void notifySum(@JsonRpcParam("a") int a, @JsonRpcParam("b") int b, @JsonRpcParam("c") int c);

    void update(@JsonRpcParam("a") int a, @JsonRpcParam("b") int b, @JsonRpcParam("c") int c,
                @JsonRpcParam("d") int d, @JsonRpcParam("e") int e);

    /** Counts the calls, so that a test can see notifications were run. */
    final class Handlers implements SpecExamples {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public int subtract(int minuend, int subtrahend) {
            calls.incrementAndGet();
            return minuend - subtrahend;
        }

        @Override
        public int sum(int a, int b, int c) {
            calls.incrementAndGet();
            return a + b + c;
        }

        @Override
        public List<Object> getData() {
            calls.incrementAndGet();
            return List.of("hello", 5);
        }

        @Override
        public void notifyHello(int n) {
            calls.incrementAndGet();
        }

        @Override
        public void notifySum(int a, int b, int c) {
            calls.incrementAndGet();
        }

        @Override
        public void update(int a, int b, int c, int d, int e) {
            calls.incrementAndGet();
        }
    }
}
