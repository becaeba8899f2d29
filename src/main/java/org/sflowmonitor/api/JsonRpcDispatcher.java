package org.sflowmonitor.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.databind.util.RawValue;

/**
 * JSON-RPC 2.0 over one request body, exactly as the specification says: parse errors, invalid
 * requests, batches, notifications, ids echoed as sent. Methods are looked up in the namespaces;
 * everything else is the namespace's job.
 */
final class JsonRpcDispatcher {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** How {@link #success} begins every response, up to its result. */
    private static final byte[] RESULT_HEAD = "{\"jsonrpc\":\"2.0\",\"result\":".getBytes(StandardCharsets.UTF_8);

    private final ObjectMapper mapper;
    private final ObjectReader reader;
    private final Map<String, Namespace> namespaces;
    private final int maxBatch;
    /** Namespaces this instance does not serve, with the reason a call to one is told. */
    private final Map<String, String> withheld;

    JsonRpcDispatcher(ObjectMapper mapper, Map<String, Namespace> namespaces, int maxBatch) {
        this(mapper, namespaces, maxBatch, Map.of());
    }

    JsonRpcDispatcher(ObjectMapper mapper, Map<String, Namespace> namespaces, int maxBatch,
                      Map<String, String> withheld) {
        this.mapper = mapper;
        // big decimals keep a fractional id exactly as sent; trailing text and duplicate keys are errors
        this.reader = mapper.reader()
                .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        this.namespaces = Map.copyOf(namespaces);
        this.maxBatch = maxBatch;
        this.withheld = Map.copyOf(withheld);
    }

    /** Answers a request body; null when there is nothing to answer (only notifications). */
    byte[] handle(byte[] body) {
        ResponseBody response = respond(body);
        return response == null ? null : response.bytes();
    }

    /** As {@link #handle}, the response in parts: a single call's result written as JSON is not copied. */
    ResponseBody respond(byte[] body) {
        long came = System.nanoTime(); // the calls of a batch give way to ingest as one (IngestFirst)
        JsonNode request;
        try {
            request = reader.readTree(body);
        } catch (JsonParseException e) {
            return whole(error(NullNode.instance, RpcException.parseError("the request is not valid JSON: "
                    + e.getOriginalMessage() + " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")")));
        } catch (IOException e) {
            return whole(error(NullNode.instance, RpcException.parseError("the request is not valid JSON")));
        }
        if (request == null || request.isMissingNode()) {
            return whole(error(NullNode.instance, RpcException.parseError("the request body is empty")));
        }
        if (!request.isArray()) {
            ObjectNode response = answer(request, came);
            return response == null ? null : parts(response);
        }
        if (request.isEmpty()) {
            return whole(error(NullNode.instance, RpcException.invalidRequest("an empty batch holds no call")));
        }
        if (request.size() > maxBatch) {
            return whole(error(NullNode.instance, RpcException.invalidRequest("a batch of " + request.size()
                    + " calls is more than api.max.batch = " + maxBatch + " allows; send smaller batches")));
        }
        ArrayNode responses = NODES.arrayNode();
        for (JsonNode call : request) {
            ObjectNode response = answer(call, came);
            if (response != null) {
                responses.add(response);
            }
        }
        return responses.isEmpty() ? null : whole(responses);
    }

    private ResponseBody whole(JsonNode response) {
        return new ResponseBody(write(response));
    }

    /**
     * A response whose result is JSON already written (see {@link Namespace}) as the envelope's
     * head, those bytes and the tail: the same bytes as writing the whole response.
     */
    private ResponseBody parts(ObjectNode response) {
        if (!(response.get("result") instanceof POJONode node && node.getPojo() instanceof RawValue raw
                && raw.rawValue() instanceof WrittenJson result)) {
            return whole(response);
        }
        response.set("result", NullNode.instance);
        byte[] around = write(response);
        if (!Arrays.equals(around, 0, RESULT_HEAD.length, RESULT_HEAD, 0, RESULT_HEAD.length)) {
            throw new IllegalStateException("a response does not begin with its result");
        }
        int tail = RESULT_HEAD.length + "null".length();
        return new ResponseBody(RESULT_HEAD, result, Arrays.copyOfRange(around, tail, around.length));
    }

    /**
     * The response to one call of the request that came at {@code requestCame}; null for a
     * notification (a call without "id") that was valid.
     */
    private ObjectNode answer(JsonNode call, long requestCame) {
        if (!call.isObject()) {
            return error(NullNode.instance, RpcException.invalidRequest(
                    "a call is a JSON object with jsonrpc, method and optionally params and id"));
        }
        JsonNode id = call.get("id");
        if (id != null && !id.isTextual() && !id.isNumber() && !id.isNull()) {
            return error(NullNode.instance, RpcException.invalidRequest("id must be a string, a number or null"));
        }
        JsonNode echo = id == null ? NullNode.instance : id;
        JsonNode version = call.get("jsonrpc");
        if (version == null || !version.isTextual() || !version.asText().equals("2.0")) {
            return error(echo, RpcException.invalidRequest("jsonrpc must be the string \"2.0\""));
        }
        JsonNode method = call.get("method");
        if (method == null || !method.isTextual()) {
            return error(echo, RpcException.invalidRequest("method must be a string such as \"host.cpu\""));
        }
        JsonNode params = call.get("params");
        if (params != null && !params.isNull() && !params.isObject() && !params.isArray()) {
            return error(echo, RpcException.invalidRequest(
                    "params must be an object (by name) or an array (by position)"));
        }
        try {
            JsonNode result = invoke(method.asText(), params == null || params.isNull() ? null : params, requestCame);
            return id == null ? null : success(echo, result);
        } catch (RpcException e) {
            return id == null ? null : error(echo, e);
        }
    }

    /**
     * The result of one call of a request that came at {@code requestCame}, or the RpcException it
     * answers with; a null result is JSON null.
     */
    JsonNode result(String method, JsonNode params, long requestCame) {
        JsonNode result = invoke(method, params == null || params.isNull() ? null : params, requestCame);
        return result == null ? NullNode.instance : result;
    }

    private JsonNode invoke(String method, JsonNode params, long requestCame) {
        if (method.startsWith("rpc.")) {
            throw RpcException.methodNotFound("method names beginning with 'rpc.' are reserved");
        }
        int dot = method.indexOf('.');
        Namespace namespace = namespaces.get(dot < 0 ? "" : method.substring(0, dot));
        if (namespace == null && dot > 0 && withheld.containsKey(method.substring(0, dot))) {
            throw RpcException.methodNotFound("no method '" + method + "' on this instance: "
                    + withheld.get(method.substring(0, dot)));
        }
        if (namespace == null) {
            throw RpcException.methodNotFound("no method '" + method + "'; the namespaces are "
                    + String.join(", ", namespaceNames()));
        }
        MethodSpec spec = namespace.method(dot < 0 ? method : method.substring(dot + 1));
        if (spec == null) {
            throw RpcException.methodNotFound("no method '" + method + "'; " + (namespace.name().isEmpty()
                    ? "" : namespace.name() + ".* has ") + String.join(", ", namespace.methodNames()));
        }
        return namespace.invoke(spec, spec.check(method, params), requestCame);
    }

    private List<String> namespaceNames() {
        List<String> names = new ArrayList<>();
        namespaces.keySet().stream().filter(n -> !n.isEmpty()).sorted().forEach(names::add);
        return names;
    }

    private static ObjectNode success(JsonNode id, JsonNode result) {
        ObjectNode response = NODES.objectNode().put("jsonrpc", "2.0");
        response.set("result", result == null ? NullNode.instance : result);
        response.set("id", id);
        return response;
    }

    static ObjectNode error(JsonNode id, RpcException e) {
        ObjectNode error = NODES.objectNode().put("code", e.code()).put("message", e.getMessage());
        if (e.data() != null) {
            error.put("data", e.data());
        }
        ObjectNode response = NODES.objectNode().put("jsonrpc", "2.0");
        response.set("error", error);
        response.set("id", id);
        return response;
    }

    byte[] write(JsonNode response) {
        try {
            return mapper.writeValueAsBytes(response);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }
}
