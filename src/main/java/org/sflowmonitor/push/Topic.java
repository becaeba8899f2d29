package org.sflowmonitor.push;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.sflowmonitor.api.RpcException;

/**
 * What a client can subscribe to: the summary method whose result each notification carries, and
 * the params of which one must name what to watch (none for the fleet).
 */
enum Topic {
    FLEET("host.summary", List.of()),
    NODE("host.summary", List.of("ip", "host_ip", "hostname", "uuid")),
    VM("virt.summary", List.of("hostname", "uuid", "name", "ip", "host_ip"));

    private final String method;
    private final List<String> naming;

    Topic(String method, List<String> naming) {
        this.method = method;
        this.naming = naming;
    }

    String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    String method() {
        return method;
    }

    static Topic named(String key) {
        for (Topic t : values()) {
            if (t.key().equals(key)) {
                return t;
            }
        }
        throw RpcException.invalidParams("parameter 'topic' must be one of "
                + String.join(", ", Arrays.stream(values()).map(Topic::key).toList()) + (key == null ? "" : ", not '"
                + key + "'"));
    }

    /** A node or VM topic must name what it watches: all 100,000 VMs every second is the fleet's job. */
    void checkNamed(ObjectNode params) {
        if (!naming.isEmpty() && naming.stream().noneMatch(n -> params.hasNonNull(n))) {
            throw RpcException.invalidParams("topic '" + key() + "' needs one of " + String.join(", ", naming)
                    + " in 'params' (the filters of " + method + ")");
        }
    }
}
