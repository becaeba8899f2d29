package org.sflowmonitor.push;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One subscription of one connection; the last result taken lets an unchanged result go unsent. */
final class Subscription {

    /** A result as JSON and when the newest commit it holds was made (epoch ms; 0: unknown). */
    private record Taken(String resultJson, long storedAt) {
    }

    private final String id;
    private final Topic topic;
    private final ObjectNode params;
    private final PushConnection connection;
    private volatile Taken last;

    Subscription(String id, Topic topic, ObjectNode params, PushConnection connection, String firstResult,
                 long storedAt) {
        this.id = id;
        this.topic = topic;
        this.params = params;
        this.connection = connection;
        this.last = new Taken(firstResult, storedAt);
    }

    String id() {
        return id;
    }

    Topic topic() {
        return topic;
    }

    ObjectNode params() {
        return params;
    }

    PushConnection connection() {
        return connection;
    }

    /** Subscriptions with the same key share one query per round. */
    String queryKey() {
        return queryKey(topic, params);
    }

    static String queryKey(Topic topic, ObjectNode params) {
        return topic.method() + params;
    }

    /** The notification to send for this result, or null when the client already has it. */
    String notificationFor(String resultJson, long storedAt) {
        if (resultJson.equals(last.resultJson())) {
            return null;
        }
        last = new Taken(resultJson, storedAt);
        return notification(last);
    }

    /** The notification of the newest result taken (the first one, right after subscribing). */
    String currentNotification() {
        return notification(last);
    }

    private String notification(Taken taken) {
        // the id is ours ("s" and digits) and the topic a fixed word: nothing here needs escaping
        return "{\"jsonrpc\":\"2.0\",\"method\":\"push.update\",\"params\":{\"subscription\":\"" + id
                + "\",\"topic\":\"" + topic.key() + "\",\"stored_at\":"
                + (taken.storedAt() == 0 ? "null" : String.valueOf(taken.storedAt())) + ",\"result\":"
                + taken.resultJson() + "}}";
    }
}
