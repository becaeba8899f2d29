package org.sflowmonitor.push;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** The push's counters, as collector.status shows them under "push". */
public final class PushStats {

    final AtomicLong connections = new AtomicLong();
    final AtomicLong subscriptions = new AtomicLong();
    final LongAdder connectionsRefused = new LongAdder();
    final LongAdder messagesSent = new LongAdder();
    final LongAdder bytesSent = new LongAdder();
    final LongAdder slowClientsDisconnected = new LongAdder();
    final LongAdder firstQueries = new LongAdder();

    public Map<String, Long> snapshot() {
        Map<String, Long> out = new LinkedHashMap<>();
        out.put("connections", connections.get());
        out.put("subscriptions", subscriptions.get());
        out.put("connections_refused", connectionsRefused.sum());
        out.put("messages_sent", messagesSent.sum());
        out.put("bytes_sent", bytesSent.sum());
        out.put("slow_clients_disconnected", slowClientsDisconnected.sum());
        out.put("first_queries", firstQueries.sum());
        return out;
    }
}
