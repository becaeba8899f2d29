package org.sflowmonitor.api;

/**
 * A JSON-RPC error to answer with: the code and the specification's message, and in
 * {@code data} a sentence that tells the caller what to fix. Never carries SQL or Java names.
 */
public final class RpcException extends RuntimeException {

    public static final int PARSE_ERROR = -32700;
    public static final int INVALID_REQUEST = -32600;
    public static final int METHOD_NOT_FOUND = -32601;
    public static final int INVALID_PARAMS = -32602;
    public static final int INTERNAL_ERROR = -32603;
    /** Application errors, from -32000 down; documented in docs/api.md. */
    public static final int NOT_AUTHORIZED = -32001;
    public static final int QUERY_TIMEOUT = -32002;
    public static final int DATABASE_UNAVAILABLE = -32003;

    private final int code;
    private final String data;

    private RpcException(int code, String message, String data) {
        super(message, null, false, false);
        this.code = code;
        this.data = data;
    }

    public static RpcException parseError(String data) {
        return new RpcException(PARSE_ERROR, "Parse error", data);
    }

    public static RpcException invalidRequest(String data) {
        return new RpcException(INVALID_REQUEST, "Invalid Request", data);
    }

    public static RpcException methodNotFound(String data) {
        return new RpcException(METHOD_NOT_FOUND, "Method not found", data);
    }

    public static RpcException invalidParams(String data) {
        return new RpcException(INVALID_PARAMS, "Invalid params", data);
    }

    public static RpcException internalError() {
        return new RpcException(INTERNAL_ERROR, "Internal error",
                "the server failed to answer this call; its log has the details");
    }

    public static RpcException notAuthorized() {
        return new RpcException(NOT_AUTHORIZED, "Not authorized", null);
    }

    public static RpcException queryTimeout(int seconds) {
        return new RpcException(QUERY_TIMEOUT, "Query timed out", "the query ran longer than "
                + "db.query.timeout.seconds = " + seconds + "; ask for a shorter time range or a smaller limit");
    }

    public static RpcException databaseUnavailable() {
        return new RpcException(DATABASE_UNAVAILABLE, "Database unavailable",
                "the database did not answer; try again later (collector.status shows the fault)");
    }

    public int code() {
        return code;
    }

    /** The detail for the error's {@code data} member; null when there is none. */
    public String data() {
        return data;
    }
}
