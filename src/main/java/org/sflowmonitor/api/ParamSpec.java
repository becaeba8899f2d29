package org.sflowmonitor.api;

import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.googlecode.jsonrpc4j.JsonRpcParam;

/**
 * One parameter of a JSON-RPC method, read from its Java declaration: the name from
 * {@link JsonRpcParam}, the accepted JSON type from the Java type, and required when the Java
 * type is primitive (a boxed type or a list may be left out). {@code type} is the Java type the
 * checked value is converted to.
 */
record ParamSpec(String name, Kind kind, boolean required, Type type) {

    /** The parameter types a service interface may use. */
    enum Kind {
        TEXT("a string"),
        INT("a whole number"),
        LONG("a whole number"),
        NUMBER("a number"),
        BOOLEAN("true or false"),
        TEXT_LIST("a list of strings"),
        OBJECT("an object");

        private final String description;

        Kind(String description) {
            this.description = description;
        }
    }

    static ParamSpec of(Parameter parameter) {
        JsonRpcParam name = parameter.getAnnotation(JsonRpcParam.class);
        if (name == null) {
            throw new IllegalArgumentException("parameter " + parameter + " of "
                    + parameter.getDeclaringExecutable() + " has no @JsonRpcParam");
        }
        Class<?> type = parameter.getType();
        return new ParamSpec(name.value(), kind(parameter.getParameterizedType()), type.isPrimitive(),
                parameter.getParameterizedType());
    }

    private static Kind kind(Type type) {
        if (type == String.class) {
            return Kind.TEXT;
        }
        if (type == int.class || type == Integer.class) {
            return Kind.INT;
        }
        if (type == long.class || type == Long.class) {
            return Kind.LONG;
        }
        if (type == double.class || type == Double.class) {
            return Kind.NUMBER;
        }
        if (type == boolean.class || type == Boolean.class) {
            return Kind.BOOLEAN;
        }
        if (type instanceof ParameterizedType p && p.getRawType() == List.class
                && p.getActualTypeArguments()[0] == String.class) {
            return Kind.TEXT_LIST;
        }
        if (type == ObjectNode.class) {
            return Kind.OBJECT;
        }
        throw new IllegalArgumentException("unsupported JSON-RPC parameter type " + type);
    }

    /**
     * Checks a value sent for this parameter and returns it in the form the Java method takes
     * (a digit string is accepted for a whole number, as Jackson always allowed). JSON null
     * counts as absent.
     */
    JsonNode check(JsonNode value) {
        if (value == null || value.isNull()) {
            if (required) {
                throw RpcException.invalidParams("missing parameter '" + name + "'");
            }
            return null;
        }
        boolean ok = switch (kind) {
            case TEXT -> value.isTextual();
            case INT -> value.isIntegralNumber() && value.canConvertToInt()
                    || value.isTextual() && value.asText().matches("-?[0-9]{1,9}");
            case LONG -> value.isIntegralNumber() && value.canConvertToLong()
                    || value.isTextual() && value.asText().matches("-?[0-9]{1,18}");
            case NUMBER -> value.isNumber();
            case BOOLEAN -> value.isBoolean();
            case TEXT_LIST -> value.isArray() && allText(value);
            case OBJECT -> value.isObject();
        };
        if (!ok) {
            throw RpcException.invalidParams("parameter '" + name + "' must be " + kind.description + ", not "
                    + describe(value, kind));
        }
        if ((kind == Kind.INT || kind == Kind.LONG) && value.isTextual()) {
            return LongNode.valueOf(Long.parseLong(value.asText()));
        }
        return value;
    }

    private static boolean allText(JsonNode array) {
        for (JsonNode item : array) {
            if (!item.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static String describe(JsonNode value, Kind expected) {
        return switch (value.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> !value.isIntegralNumber() ? "a number with a fraction"
                    : expected == Kind.INT || expected == Kind.LONG ? "a number out of range" : "a number";
            case BOOLEAN -> "true/false";
            case ARRAY -> "a list of other things than strings";
            case OBJECT -> "an object";
            case NULL -> "null";
            default -> "this value";
        };
    }

    static List<String> names(List<ParamSpec> params) {
        List<String> names = new ArrayList<>();
        params.forEach(p -> names.add(p.name()));
        return names;
    }
}
