package org.sflowmonitor.security;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.sflowmonitor.app.EmbeddedTomcat;
import org.sflowmonitor.app.ServiceRuntime;
import org.sflowmonitor.testing.ApiClient;

/** The real webapp in an embedded Tomcat on free ports, its database in {@code temp/data}. */
final class Webapp implements AutoCloseable {

    private final EmbeddedTomcat tomcat;
    private final ApiClient api;

    private Webapp(EmbeddedTomcat tomcat) {
        this.tomcat = tomcat;
        this.api = new ApiClient(tomcat.port());
    }

    static Webapp start(Path temp, Map<String, String> settings) throws Exception {
        Map<String, String> all = new HashMap<>(Map.of("sflow.port", "0", "data.dir", dataDir(temp).toString()));
        all.putAll(settings);
        return new Webapp(EmbeddedTomcat.start(Path.of("webapp"), temp.resolve("tomcat"), 0, all));
    }

    static Path dataDir(Path temp) {
        return temp.resolve("data");
    }

    ApiClient api() {
        return api;
    }

    int httpPort() {
        return tomcat.port();
    }

    ServiceRuntime runtime() {
        return (ServiceRuntime) tomcat.context().getServletContext().getAttribute(ServiceRuntime.class.getName());
    }

    int sflowPort() {
        return runtime().sflowPort();
    }

    /** collector.status without the per-agent rows (an agent that never exists). */
    JsonNode status() throws Exception {
        JsonNode response = api.call("collector.status", "{\"agent\":\"none\"}");
        if (!response.has("result")) {
            throw new AssertionError("collector.status failed: " + response);
        }
        return response.get("result");
    }

    @Override
    public void close() {
        tomcat.close();
    }
}
