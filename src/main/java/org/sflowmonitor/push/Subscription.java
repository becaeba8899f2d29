package org.sflowmonitor.push;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One subscription of one connection; {@code lastResult} lets an unchanged result go unsent. */
final class Subscription {

    private final String id;
    private final Topic topic;
    private final ObjectNode params;
    private final PushConnection connection;
    private volatile String lastResult;

    Subscription(String id, Topic topic, ObjectNode params, PushConnection connection, String firstResult) {
        this.id = id;
        this.topic = topic;
        this.params = params;
        this.connection = connection;
        this.lastResult = firstResult;
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
    String notificationFor(String resultJson) {
        if (resultJson.equals(lastResult)) {
            return null;
        }
        lastResult = resultJson;
        return notification(resultJson);
    }

    /** The notification of the newest result taken (the first one, right after subscribing). */
    String currentNotification() {
        return notification(lastResult);
    }

    private String notification(String resultJson) {
        // the id is ours ("s" and digits) and the topic a fixed word: nothing here needs escaping
        return "{\"jsonrpc\":\"2.0\",\"method\":\"push.update\",\"params\":{\"subscription\":\"" + id
                + "\",\"topic\":\"" + topic.key() + "\",\"result\":" + resultJson + "}}";
    }
}
