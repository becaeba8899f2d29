package org.sflowmonitor.api;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.googlecode.jsonrpc4j.JsonRpcMethod;

/**
 * A JSON-RPC method as its service interface declares it: its name and its parameters in order.
 * The parameters are those of the Java method, or, when its only parameter is a record, the
 * record's components (so that methods sharing a set of params declare it once).
 */
record MethodSpec(String name, List<ParamSpec> params, boolean asRecord) {

    MethodSpec {
        params = List.copyOf(params);
    }

    static MethodSpec of(Method method) {
        JsonRpcMethod named = method.getAnnotation(JsonRpcMethod.class);
        String name = named != null ? named.value() : method.getName();
        Parameter[] parameters = method.getParameters();
        if (parameters.length == 1 && parameters[0].getType().isRecord()) {
            Class<?> record = parameters[0].getType();
            Class<?>[] types = Arrays.stream(record.getRecordComponents()).map(RecordComponent::getType)
                    .toArray(Class<?>[]::new);
            try {
                parameters = record.getDeclaredConstructor(types).getParameters();
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("a record always has its canonical constructor", e);
            }
            List<ParamSpec> params = new ArrayList<>();
            RecordComponent[] components = record.getRecordComponents();
            for (int i = 0; i < parameters.length; i++) {
                params.add(ParamSpec.of(parameters[i], components[i].getName()));
            }
            return new MethodSpec(name, params, true);
        }
        return new MethodSpec(name, Arrays.stream(parameters).map(p -> ParamSpec.of(p, null)).toList(), false);
    }

    /** The params as the Java method takes them: by name, or a record built from its components' names. */
    JsonNode arguments(ObjectNode checked) {
        if (!asRecord) {
            return checked;
        }
        ObjectNode components = checked.objectNode();
        params.forEach(p -> components.set(p.javaName(), checked.get(p.name())));
        return checked.arrayNode().add(components);
    }

    /**
     * Checks params sent by name (an object) or by position (an array) against the declaration
     * and returns them by name, every declared name present (null when left out).
     */
    ObjectNode check(String fullName, JsonNode sent) {
        ObjectNode named = JsonNodeFactory.instance.objectNode();
        if (sent == null) {
            params.forEach(p -> named.set(p.name(), p.check(null)));
        } else if (sent.isArray()) {
            if (sent.size() > params.size()) {
                throw RpcException.invalidParams(params.isEmpty() ? fullName + " takes no parameters"
                        : "too many parameters: " + fullName + " takes at most " + params.size() + " ("
                        + String.join(", ", ParamSpec.names(params)) + ")");
            }
            for (int i = 0; i < params.size(); i++) {
                ParamSpec p = params.get(i);
                named.set(p.name(), p.check(sent.get(i)));
            }
        } else {
            for (Iterator<Map.Entry<String, JsonNode>> it = sent.fields(); it.hasNext(); ) {
                String given = it.next().getKey();
                if (params.stream().noneMatch(p -> p.name().equals(given))) {
                    throw RpcException.invalidParams("unknown parameter '" + given + "'; " + (params.isEmpty()
                            ? fullName + " takes no parameters"
                            : "expected one of " + String.join(", ", ParamSpec.names(params))));
                }
            }
            params.forEach(p -> named.set(p.name(), p.check(sent.get(p.name()))));
        }
        return named;
    }
}
