package org.sflowmonitor.api;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** The servlet at /api: JSON-RPC 2.0 over HTTP POST. */
public final class JsonRpcServlet extends HttpServlet {

    private transient Api api;

    @Override
    public void init() throws ServletException {
        api = (Api) getServletContext().getAttribute(Api.CONTEXT_ATTRIBUTE);
        if (api == null) {
            throw new ServletException("the sflow-monitor lifecycle listener did not start; see the log above");
        }
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("application/json");
        api.server().handleRequest(req.getInputStream(), resp.getOutputStream());
    }
}
