package org.sflowmonitor.api;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;

import org.sflowmonitor.store.IngestFirst;
import org.sflowmonitor.store.QueryException;

/**
 * The methods of one namespace ("host", "virt", ...): those of its service interface, which
 * names each method and its parameters (with jsonrpc4j's annotations), and those declared
 * elsewhere as a record of params and a function ({@link SeriesMethod}). This class runs a
 * method with the params {@link MethodSpec} checked, and turns what it throws into the JSON-RPC
 * error to answer with.
 */
final class Namespace {

    private static final Logger LOG = Logger.getLogger(Namespace.class.getName());

    private final String name;
    private final Map<String, MethodSpec> methods = new LinkedHashMap<>();
    private final ObjectMapper mapper;
    private final IngestFirst turns;

    /** @param name the prefix before the dot; "" for methods called without one */
    <T> Namespace(String name, Class<T> api, T implementation, ObjectMapper mapper) {
        this(name, api, implementation, List.of(), mapper, IngestFirst.NEVER_WAITS);
    }

    /**
     * With {@code more} methods besides the interface's (the time-series methods, see {@link
     * SeriesMethod}); each call runs in a turn of {@code turns}.
     */
    <T> Namespace(String name, Class<T> api, T implementation, List<MethodSpec> more, ObjectMapper mapper,
                  IngestFirst turns) {
        if (!api.isInterface()) {
            throw new IllegalArgumentException(api + " is not an interface");
        }
        this.name = name;
        List<MethodSpec> all = new ArrayList<>();
        for (Method m : api.getMethods()) {
            all.add(MethodSpec.of(m, implementation));
        }
        all.addAll(more);
        for (MethodSpec spec : all) {
            if (methods.put(spec.name(), spec) != null) {
                throw new IllegalArgumentException(api.getSimpleName() + ": " + spec.name()
                        + " is declared twice; JSON-RPC methods cannot be overloaded here");
            }
        }
        this.mapper = mapper;
        this.turns = turns;
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

    /**
     * Runs a method with checked params in a turn of the request that came at {@code requestCame}
     * ({@link IngestFirst#turn(long)}); returns its result or throws the RpcException to answer with.
     */
    JsonNode invoke(MethodSpec method, ObjectNode params, long requestCame) {
        Object result;
        try (IngestFirst.Turn turn = turns.turn(requestCame)) {
            result = method.invoke(params, mapper);
        } catch (InvocationTargetException e) {
            throw toRpc(qualified(method.name()), e.getCause());
        } catch (RuntimeException e) {
            throw toRpc(qualified(method.name()), e);
        } catch (ReflectiveOperationException e) {
            throw internal(qualified(method.name()), e);
        }
        return result == null ? null : written(method, result);
    }

    /**
     * The result as JSON bytes to embed in the response, written once from the method's own
     * objects: for a series of 4,320 rows a tree of nodes would cost more than the JSON itself. A
     * kept answer (AnswerCache) is embedded as it was written, not copied.
     */
    private JsonNode written(MethodSpec method, Object result) {
        try {
            WrittenJson json = result instanceof WrittenRows rows ? rows.json()
                    : result instanceof RawValue raw && raw.rawValue() instanceof WrittenJson kept ? kept
                    : new WrittenJson(mapper.writeValueAsBytes(result));
            return mapper.getNodeFactory().rawValueNode(new RawValue(json));
        } catch (JsonProcessingException | RuntimeException e) {
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
}
