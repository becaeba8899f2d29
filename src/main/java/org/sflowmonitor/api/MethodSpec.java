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
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.googlecode.jsonrpc4j.JsonRpcMethod;

/**
 * A JSON-RPC method: its name, its parameters in order, and the call that answers it. The
 * parameters are those of a Java method of a service interface, or, when its only parameter is a
 * record, the record's components (so that methods sharing a set of params declare it once); a
 * method may also be a record of params and a function of it ({@link #ofRecord}), as the
 * time-series methods are, declared by {@link SeriesMethod}.
 */
record MethodSpec(String name, List<ParamSpec> params, Call call) {

    /** Answers the method from its arguments, each already converted to its parameter's type. */
    interface Call {
        /** @throws InvocationTargetException what a reflectively called method threw */
        Object apply(Object[] arguments) throws ReflectiveOperationException;
    }

    MethodSpec {
        params = List.copyOf(params);
    }

    /** The method {@code method} of a service interface, called on {@code target}. */
    static MethodSpec of(Method method, Object target) {
        JsonRpcMethod named = method.getAnnotation(JsonRpcMethod.class);
        String name = named != null ? named.value() : method.getName();
        Parameter[] parameters = method.getParameters();
        method.setAccessible(true);
        if (parameters.length == 1 && parameters[0].getType().isRecord()) {
            Constructor<?> record = canonical(parameters[0].getType());
            return new MethodSpec(name, params(record.getParameters()),
                    arguments -> method.invoke(target, record.newInstance(arguments)));
        }
        return new MethodSpec(name, params(parameters), arguments -> method.invoke(target, arguments));
    }

    /** A method whose params are the components of the record {@code params}, answered by {@code body}. */
    static <P> MethodSpec ofRecord(String name, Class<P> params, Function<P, Object> body) {
        if (!params.isRecord()) {
            throw new IllegalArgumentException(params + " is not a record");
        }
        Constructor<?> record = canonical(params);
        return new MethodSpec(name, params(record.getParameters()),
                arguments -> body.apply(params.cast(record.newInstance(arguments))));
    }

    private static List<ParamSpec> params(Parameter[] parameters) {
        return Arrays.stream(parameters).map(ParamSpec::of).toList();
    }

    private static Constructor<?> canonical(Class<?> type) {
        Class<?>[] types = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getType)
                .toArray(Class<?>[]::new);
        try {
            Constructor<?> record = type.getDeclaredConstructor(types);
            record.setAccessible(true);
            return record;
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("a record always has its canonical constructor", e);
        }
    }

    /**
     * Answers the method with params already {@link #check checked}, each converted by Jackson to
     * its declared type.
     *
     * @throws InvocationTargetException what a reflectively called method threw
     */
    Object invoke(ObjectNode checked, ObjectMapper mapper) throws ReflectiveOperationException {
        Object[] values = new Object[params.size()];
        for (int i = 0; i < values.length; i++) {
            ParamSpec p = params.get(i);
            JsonNode value = checked.get(p.name());
            values[i] = value == null || value.isNull() ? null
                    : mapper.convertValue(value, mapper.constructType(p.type()));
        }
        return call.apply(values);
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
