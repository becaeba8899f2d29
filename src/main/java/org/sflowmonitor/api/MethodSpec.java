package org.sflowmonitor.api;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
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
import com.googlecode.jsonrpc4j.JsonRpcParam;

/**
 * A JSON-RPC method: its name, its parameters in order, and the call that answers it. The
 * parameters are those of a Java method of a service interface, each named by
 * {@link JsonRpcParam}; a parameter that is a record without it stands for the record's
 * components in its place, and so on within them (so that methods sharing a set of params declare
 * it once, like {@link Paging} or {@link SeriesRows}). A method may also be a record of params and
 * a function of it ({@link #ofRecord}), as the time-series methods are, declared by
 * {@link SeriesMethod}.
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
        method.setAccessible(true);
        Flattened parameters = Flattened.of(method.getParameters());
        return new MethodSpec(name, parameters.params(),
                arguments -> method.invoke(target, parameters.arguments(arguments, new int[1])));
    }

    /** A method whose params are the components of the record {@code params}, answered by {@code body}. */
    static <P> MethodSpec ofRecord(String name, Class<P> params, Function<P, Object> body) {
        if (!params.isRecord()) {
            throw new IllegalArgumentException(params + " is not a record");
        }
        RecordParams record = RecordParams.of(params);
        return new MethodSpec(name, record.components().params(),
                arguments -> body.apply(params.cast(record.build(arguments, new int[1]))));
    }

    /**
     * Java parameters (a method's or a record's components) and, for each, the record of params it
     * stands for, or null where it is a param itself.
     */
    private record Flattened(Parameter[] parameters, List<RecordParams> nested) {

        static Flattened of(Parameter[] parameters) {
            List<RecordParams> nested = new ArrayList<>();
            for (Parameter p : parameters) {
                boolean flattened = p.getType().isRecord() && p.getAnnotation(JsonRpcParam.class) == null;
                nested.add(flattened ? RecordParams.of(p.getType()) : null);
            }
            return new Flattened(parameters, nested);
        }

        /** The params in order, nested records' in their place. */
        List<ParamSpec> params() {
            List<ParamSpec> all = new ArrayList<>();
            for (int i = 0; i < parameters.length; i++) {
                if (nested.get(i) == null) {
                    all.add(ParamSpec.of(parameters[i]));
                } else {
                    all.addAll(nested.get(i).components().params());
                }
            }
            return all;
        }

        /** The Java arguments from the values of {@link #params()}, taken from {@code next[0]} on. */
        Object[] arguments(Object[] values, int[] next) throws ReflectiveOperationException {
            Object[] arguments = new Object[parameters.length];
            for (int i = 0; i < arguments.length; i++) {
                arguments[i] = nested.get(i) == null ? values[next[0]++] : nested.get(i).build(values, next);
            }
            return arguments;
        }
    }

    /** A record of params: its canonical constructor and its components as params. */
    private record RecordParams(Constructor<?> constructor, Flattened components) {

        static RecordParams of(Class<?> type) {
            Class<?>[] types = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getType)
                    .toArray(Class<?>[]::new);
            Constructor<?> constructor;
            try {
                constructor = type.getDeclaredConstructor(types);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("a record always has its canonical constructor", e);
            }
            constructor.setAccessible(true);
            return new RecordParams(constructor, Flattened.of(constructor.getParameters()));
        }

        Object build(Object[] values, int[] next) throws ReflectiveOperationException {
            return constructor.newInstance(components.arguments(values, next));
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
