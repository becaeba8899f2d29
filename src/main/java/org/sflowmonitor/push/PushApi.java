package org.sflowmonitor.push;

import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.googlecode.jsonrpc4j.JsonRpcParam;

/**
 * The {@code push.*} methods of a WebSocket connection to /push. Every other method of /api can
 * be called on the same connection too. Notifications are {@code push.update}; see docs/api.md.
 */
public interface PushApi {

    /**
     * Starts notifications of a topic ({@code fleet}, {@code node}, {@code vm}) with the params of
     * the summary method behind it; the current result follows at once as the first notification.
     */
    Map<String, Object> subscribe(@JsonRpcParam("topic") String topic, @JsonRpcParam("params") ObjectNode params);

    /** Ends one subscription of this connection. */
    Map<String, Object> unsubscribe(@JsonRpcParam("subscription") String subscription);
}
