package org.sflowmonitor.api;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

import jakarta.servlet.ServletContext;

import org.sflowmonitor.app.EmbeddedTomcat;
import org.sflowmonitor.app.ServiceRuntime;
import org.sflowmonitor.testing.ApiClient;

/**
 * The real webapp (its web.xml, lifecycle listener and servlet) in an embedded Tomcat on free
 * ports, with its H2 database in a temporary folder.
 */
final class RunningService implements AutoCloseable {

    private final EmbeddedTomcat tomcat;

    private RunningService(EmbeddedTomcat tomcat) {
        this.tomcat = tomcat;
    }

    /** Starts with sflow.port 0, the data in {@code temp}, and the given settings on top. */
    static RunningService start(Path temp, Map<String, String> settings) throws Exception {
        Map<String, String> all = new HashMap<>(Map.of("sflow.port", "0", "data.dir",
                temp.resolve("data").toString()));
        all.putAll(settings);
        return new RunningService(EmbeddedTomcat.start(Path.of("webapp"), temp.resolve("tomcat"), 0, all));
    }

    static RunningService start(Path temp) throws Exception {
        return start(temp, Map.of());
    }

    ApiClient client() {
        return new ApiClient(tomcat.port());
    }

    int httpPort() {
        return tomcat.port();
    }

    int sflowPort() {
        return runtime().sflowPort();
    }

    ServiceRuntime runtime() {
        return (ServiceRuntime) context().getAttribute(ServiceRuntime.class.getName());
    }

    /** Replaces the Api the servlet uses, e.g. with test-only services added by {@link Api#with}. */
    void changeApi(UnaryOperator<Api> change) {
        context().setAttribute(Api.CONTEXT_ATTRIBUTE, change.apply((Api) context().getAttribute(Api.CONTEXT_ATTRIBUTE)));
    }

    private ServletContext context() {
        return tomcat.context().getServletContext();
    }

    @Override
    public void close() {
        tomcat.close();
    }
}
