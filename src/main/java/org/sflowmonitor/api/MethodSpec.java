package org.sflowmonitor.api;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.googlecode.jsonrpc4j.JsonRpcMethod;

/**
 * A JSON-RPC method as its service interface declares it: its name, its parameters in order, and
 * the Java method that answers it. The parameters are those of the Java method, or, when its only
 * parameter is a record, the record's components (so that methods sharing a set of params declare
 * it once); {@code record} is then that record's canonical constructor, else null.
 */
record MethodSpec(String name, List<ParamSpec> params, Method method, Constructor<?> record) {

    MethodSpec {
        params = List.copyOf(params);
    }

    static MethodSpec of(Method method) {
        JsonRpcMethod named = method.getAnnotation(JsonRpcMethod.class);
        String name = named != null ? named.value() : method.getName();
        Parameter[] parameters = method.getParameters();
        Constructor<?> record = null;
        if (parameters.length == 1 && parameters[0].getType().isRecord()) {
            Class<?> type = parameters[0].getType();
            Class<?>[] types = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getType)
                    .toArray(Class<?>[]::new);
            try {
                record = type.getDeclaredConstructor(types);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("a record always has its canonical constructor", e);
            }
            record.setAccessible(true);
            parameters = record.getParameters();
        }
        method.setAccessible(true);
        return new MethodSpec(name, Arrays.stream(parameters).map(ParamSpec::of).toList(), method, record);
    }

    /**
     * Calls the Java method on {@code target} with params already {@link #check checked}, each
     * converted by Jackson to its declared type.
     *
     * @throws InvocationTargetException what the method threw
     */
    Object invoke(Object target, ObjectNode checked, ObjectMapper mapper) throws ReflectiveOperationException {
        Object[] values = new Object[params.size()];
        for (int i = 0; i < values.length; i++) {
            ParamSpec p = params.get(i);
            JsonNode value = checked.get(p.name());
            values[i] = value == null || value.isNull() ? null
                    : mapper.convertValue(value, mapper.constructType(p.type()));
        }
        Object[] arguments = record == null ? values : new Object[] {record.newInstance(values)};
        return method.invoke(target, arguments);
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
