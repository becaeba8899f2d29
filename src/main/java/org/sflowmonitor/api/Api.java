package org.sflowmonitor.api;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.googlecode.jsonrpc4j.JsonRpcMultiServer;

import org.sflowmonitor.store.Queries;

/**
 * The JSON-RPC services of /api and the server that dispatches to them. Built once by the
 * lifecycle listener and handed to {@link JsonRpcServlet} through the servlet context.
 */
public final class Api {

    /** Servlet context attribute under which the lifecycle listener stores the Api. */
    public static final String CONTEXT_ATTRIBUTE = Api.class.getName();

    private final JsonRpcMultiServer server;

    public Api(Queries queries) {
        ObjectMapper mapper = new ObjectMapper();
        server = new JsonRpcMultiServer(mapper);
        server.setSeparator('.');
        Map<String, Object> services = new LinkedHashMap<>();
        services.put("host", new HostService(queries));
        services.put("virt", new VirtService(queries));
        server.addService("host", services.get("host"), HostApi.class);
        server.addService("virt", services.get("virt"), VirtApi.class);
    }

    JsonRpcMultiServer server() {
        return server;
    }
}
