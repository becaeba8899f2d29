package org.sflowmonitor.api;

import java.io.IOException;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.databind.util.RawValue;
import com.googlecode.jsonrpc4j.ErrorResolver;
import com.googlecode.jsonrpc4j.JsonResponse;
import com.googlecode.jsonrpc4j.JsonRpcBasicServer;

import org.sflowmonitor.store.QueryException;

/**
 * The methods of one service interface ("host", "virt", ...). The interface is the only place
 * that names a method and its parameters; jsonrpc4j invokes the implementation, but only with
 * a request this class has already checked, and its answer is unpacked here so that none of its
 * own error handling reaches a client.
 */
final class Namespace {

    private static final Logger LOG = Logger.getLogger(Namespace.class.getName());

    private final String name;
    private final Map<String, MethodSpec> methods = new LinkedHashMap<>();
    private final Invoker invoker;
    private final ObjectMapper mapper;

    /** @param name the prefix before the dot; "" for methods called without one */
    <T> Namespace(String name, Class<T> api, T implementation, ObjectMapper mapper) {
        if (!api.isInterface()) {
            throw new IllegalArgumentException(api + " is not an interface");
        }
        this.name = name;
        for (Method m : api.getMethods()) {
            MethodSpec spec = MethodSpec.of(m);
            if (methods.put(spec.name(), spec) != null) {
                throw new IllegalArgumentException(api.getSimpleName() + " declares " + spec.name()
                        + " twice; JSON-RPC methods cannot be overloaded here");
            }
        }
        this.invoker = new Invoker(new PassThroughMapper(mapper), implementation, api);
        this.mapper = mapper;
    }

    String name() {
        return name;
    }

    String qualified(String method) {
        return name.isEmpty() ? method : name + "." + method;
    }

    MethodSpec method(String method) {
        return methods.get(method);
    }

    Iterable<String> methodNames() {
        return methods.keySet();
    }

    /** Runs a method with checked params; returns its result or throws the RpcException to answer with. */
    JsonNode invoke(MethodSpec method, ObjectNode params) {
        ObjectNode request = params.objectNode();
        request.put("jsonrpc", "2.0").put("id", 0).put("method", method.name());
        request.set("params", method.arguments(params));
        JsonResponse response;
        try {
            response = invoker.call(request);
        } catch (IOException | RuntimeException e) {
            throw internal(qualified(method.name()), e);
        }
        if (response.getExceptionToRethrow() != null) {
            Throwable cause = response.getExceptionToRethrow().getCause();
            throw toRpc(qualified(method.name()), cause != null ? cause : response.getExceptionToRethrow());
        }
        JsonNode answer = response.getResponse();
        if (answer == null || answer.has("error")) {
            throw internal(qualified(method.name()), new IllegalStateException("jsonrpc4j answered " + answer));
        }
        return written(method, answer.get("result"));
    }

    /** The result as JSON bytes to embed in the response, written once from the method's own objects. */
    private JsonNode written(MethodSpec method, JsonNode result) {
        if (!(result instanceof POJONode pojo)) {
            return result;
        }
        try {
            return mapper.getNodeFactory().rawValueNode(new RawValue(new WrittenJson(
                    mapper.writeValueAsBytes(pojo.getPojo()))));
        } catch (JsonProcessingException | RuntimeException e) {
            // written here, after jsonrpc4j returned: its own error handling no longer covers it
            throw internal(qualified(method.name()), e);
        }
    }

    private static RpcException toRpc(String method, Throwable t) {
        if (t instanceof RpcException e) {
            return e;
        }
        if (t instanceof QueryException q) {
            switch (q.reason()) {
                case TIMEOUT -> {
                    LOG.warning(method + ": query cancelled after db.query.timeout.seconds = " + q.timeoutSeconds());
                    return RpcException.queryTimeout(q.timeoutSeconds());
                }
                case UNAVAILABLE -> {
                    // expected while the database is down or the webapp stops: one line, no stack trace
                    LOG.warning(method + ": no database connection (" + q.getCause().getMessage() + ")");
                    return RpcException.databaseUnavailable();
                }
                default -> {
                    return internal(method, q);
                }
            }
        }
        return internal(method, t);
    }

    private static RpcException internal(String method, Throwable t) {
        LOG.log(Level.SEVERE, "internal error in " + method, t);
        return RpcException.internalError();
    }

    /**
     * A mapper that hands a method's result to jsonrpc4j as it is, wrapped in a POJONode,
     * instead of copying it into a tree of nodes: for a series of 4,320 rows the copy cost more
     * than writing the JSON. {@link #written} then writes it once.
     */
    private static final class PassThroughMapper extends ObjectMapper {
        PassThroughMapper(ObjectMapper base) {
            super(base);
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T extends JsonNode> T valueToTree(Object value) {
            return value == null ? null : (T) getNodeFactory().pojoNode(value);
        }
    }

    /** jsonrpc4j's server with the one protected entry point we use made reachable. */
    private static final class Invoker extends JsonRpcBasicServer {
        Invoker(ObjectMapper mapper, Object handler, Class<?> api) {
            super(mapper, handler, api);
            setRethrowExceptions(true);
            setShouldLogInvocationErrors(false);
            setErrorResolver((t, m, args) -> ErrorResolver.JsonError.INTERNAL_ERROR);
        }

        JsonResponse call(ObjectNode request) throws IOException {
            return handleJsonNodeRequest(request);
        }
    }
}
