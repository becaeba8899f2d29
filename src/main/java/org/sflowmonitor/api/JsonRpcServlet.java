package org.sflowmonitor.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.sflowmonitor.web.BearerToken;

/**
 * The servlet at /api: the HTTP side of JSON-RPC. POST only; the bearer token when one is set;
 * JSON content types; a bounded body. Every JSON-RPC answer is HTTP 200 (204 when only
 * notifications came), and every failure before that is a small JSON body, never Tomcat's page.
 */
public final class JsonRpcServlet extends HttpServlet {

    private static final Set<String> CONTENT_TYPES = Set.of("application/json", "application/json-rpc",
            "application/jsonrequest");
    private static final String JSON = "application/json";

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Api api = (Api) getServletContext().getAttribute(Api.CONTEXT_ATTRIBUTE);
        if (api == null) {
            resp.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            return;
        }
        ApiConfig config = api.config();
        if (config.tokenRequired() && !BearerToken.authorized(req.getHeader("Authorization"), config.token())) {
            resp.setHeader("WWW-Authenticate", BearerToken.CHALLENGE);
            send(resp, HttpServletResponse.SC_UNAUTHORIZED, api.errorBody(RpcException.notAuthorized()));
            return;
        }
        if (!"POST".equals(req.getMethod())) {
            resp.setHeader("Allow", "POST");
            send(resp, HttpServletResponse.SC_METHOD_NOT_ALLOWED, api.errorBody(RpcException.invalidRequest(
                    "JSON-RPC calls are sent with HTTP POST")));
            return;
        }
        if (!acceptedContentType(req.getContentType())) {
            send(resp, HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE, api.errorBody(RpcException.invalidRequest(
                    "Content-Type must be application/json, application/json-rpc or application/jsonrequest")));
            return;
        }
        byte[] body = req.getContentLengthLong() > config.maxBodyBytes() ? null
                : readAtMost(req.getInputStream(), config.maxBodyBytes());
        if (body == null) {
            resp.setHeader("Connection", "close");
            send(resp, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, api.errorBody(RpcException.invalidRequest(
                    "the request body is larger than api.max.body.bytes = " + config.maxBodyBytes() + " bytes")));
            return;
        }
        ResponseBody answer = api.respond(body);
        if (answer == null) {
            resp.setStatus(HttpServletResponse.SC_NO_CONTENT);
        } else {
            send(resp, HttpServletResponse.SC_OK, answer);
        }
    }

    private static void send(HttpServletResponse resp, int status, byte[] body) throws IOException {
        send(resp, status, new ResponseBody(body));
    }

    private static void send(HttpServletResponse resp, int status, ResponseBody body) throws IOException {
        resp.setStatus(status);
        resp.setContentType(JSON);
        resp.setContentLength(body.length());
        body.writeTo(resp.getOutputStream());
    }

    /** No Content-Type is taken as JSON; a charset parameter is allowed (the body is read as JSON bytes). */
    static boolean acceptedContentType(String contentType) {
        if (contentType == null) {
            return true;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
        return CONTENT_TYPES.contains(type.toLowerCase(Locale.ROOT));
    }

    /** The whole body, or null when it is longer than {@code max} bytes. */
    private static byte[] readAtMost(InputStream in, int max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) > 0) {
            if (out.size() + n > max) {
                return null;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
