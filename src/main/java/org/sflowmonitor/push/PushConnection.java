package org.sflowmonitor.push;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.websocket.CloseReason;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.sflowmonitor.api.Api;
import org.sflowmonitor.api.RpcException;

/**
 * One client of /push: its subscriptions and its outgoing messages. Messages wait in a queue
 * bounded in bytes and go out one at a time without blocking anyone; a client that lets more
 * than push.max.buffer.bytes pile up is disconnected, so a stalled reader costs nothing but its
 * own connection.
 */
final class PushConnection implements PushApi {

    private static final Logger LOG = Logger.getLogger(PushConnection.class.getName());

    private final Session session;
    private final PushHub hub;
    private final Api api;
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    /** Subscriptions whose first notification is due once the subscribe response is out (receiving thread only). */
    private final List<Subscription> fresh = new ArrayList<>();
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private final ArrayDeque<Integer> queuedSizes = new ArrayDeque<>();
    private long queuedBytes;
    private boolean sending;
    private boolean closing;

    PushConnection(Session session, PushHub hub) {
        this.session = session;
        this.hub = hub;
        this.api = hub.api().with("push", PushApi.class, this);
    }

    Collection<Subscription> subscriptions() {
        return subscriptions.values();
    }

    /** A JSON-RPC request or batch from the client: answered in order, then the first notifications. */
    void received(String text) {
        byte[] answer = api.handle(text.getBytes(StandardCharsets.UTF_8));
        if (answer != null) {
            offer(new String(answer, StandardCharsets.UTF_8));
        }
        for (Subscription s : fresh) {
            offer(s.currentNotification());
        }
        fresh.clear();
    }

    @Override
    public Map<String, Object> subscribe(String topicName, ObjectNode params) {
        Topic topic = Topic.named(topicName);
        ObjectNode query = params == null ? JsonNodeFactory.instance.objectNode() : params.deepCopy();
        topic.checkNamed(query);
        if (subscriptions.size() >= hub.limits().maxSubscriptions()) {
            throw RpcException.invalidParams("this connection holds " + subscriptions.size()
                    + " subscriptions, the most push.max.subscriptions allows; unsubscribe from one first");
        }
        String queryKey = Subscription.queryKey(topic, query);
        SharedResults.Result shared = hub.firstResult(queryKey, topic.method(), query);
        Api.Outcome first = shared.outcome();
        if (first.error() != null) {
            throw first.error();
        }
        Subscription s = new Subscription(hub.nextSubscriptionId(), topic, query, this, first.resultJson(),
                shared.storedAt());
        subscriptions.put(s.id(), s);
        hub.stats().subscriptions.incrementAndGet();
        fresh.add(s);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("subscription", s.id());
        result.put("topic", topic.key());
        result.put("method", topic.method());
        return result;
    }

    @Override
    public Map<String, Object> unsubscribe(String id) {
        if (id == null) {
            throw RpcException.invalidParams("missing parameter 'subscription' (the id push.subscribe returned)");
        }
        Subscription removed = subscriptions.remove(id);
        if (removed == null) {
            throw RpcException.invalidParams("this connection has no subscription '" + id + "'");
        }
        fresh.remove(removed);
        hub.stats().subscriptions.decrementAndGet();
        return Map.of("unsubscribed", id);
    }

    /** Queues a message; never waits. Past the byte bound the client is disconnected instead. */
    synchronized void offer(String text) {
        if (closing) {
            return;
        }
        int bytes = utf8Length(text);
        if (queuedBytes + bytes > hub.limits().maxBufferBytes()) {
            closing = true;
            hub.stats().slowClientsDisconnected.increment();
            LOG.warning("push: disconnecting a client that did not keep up (" + (queuedBytes + bytes)
                    + " bytes waiting, more than push.max.buffer.bytes = " + hub.limits().maxBufferBytes() + ")");
            hub.close(session, new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER,
                    "too slow: more than push.max.buffer.bytes waiting"));
            return;
        }
        queue.add(text);
        queuedSizes.add(bytes);
        queuedBytes += bytes;
        if (!sending) {
            sendNext();
        }
    }

    private void sendNext() {
        sending = true;
        try {
            session.getAsyncRemote().sendText(queue.peek(), this::sent);
        } catch (RuntimeException e) {
            // the session closed under us
            LOG.log(Level.FINE, "push: send failed", e);
            closing = true;
        }
    }

    private synchronized void sent(SendResult result) {
        if (queue.isEmpty()) {
            return; // the session closed and its queue was emptied while this message was under way
        }
        queue.poll();
        int bytes = queuedSizes.poll();
        queuedBytes -= bytes;
        sending = false;
        if (!result.isOK()) {
            closing = true;
            hub.close(session, new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "send failed"));
            return;
        }
        hub.stats().messagesSent.increment();
        hub.stats().bytesSent.add(bytes);
        if (!queue.isEmpty() && !closing) {
            sendNext();
        }
    }

    void closeSession(CloseReason reason) {
        hub.close(session, reason);
    }

    /** Called once the session has closed: its subscriptions end with it. */
    void closed() {
        synchronized (this) {
            closing = true;
            queue.clear();
            queuedSizes.clear();
        }
        hub.stats().subscriptions.addAndGet(-subscriptions.size());
        subscriptions.clear();
    }

    static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            n += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return n;
    }
}
