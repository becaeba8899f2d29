package org.sflowmonitor.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.deploy.NamingResourcesImpl;
import org.apache.catalina.servlets.DefaultServlet;
import org.apache.catalina.startup.ContextConfig;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.tomcat.util.descriptor.web.ApplicationParameter;
import org.apache.tomcat.util.scan.StandardJarScanFilter;

/**
 * An embedded Tomcat running the webapp from a folder with its real WEB-INF/web.xml, as an
 * external Tomcat would: used by the standalone server and by the tests. Context parameters
 * given here behave like {@code <Parameter override="false">} of a Tomcat context file.
 */
public final class EmbeddedTomcat implements AutoCloseable {

    /** Jars scanned for META-INF/resources; every other jar is skipped (the start stays fast). */
    static final String DASHBOARD_RESOURCE_JARS = "uplot-*.jar";

    /** Answers from this size on are gzipped for a client that accepts it; smaller ones gain little. */
    static final int COMPRESSION_MIN_BYTES = 2048;
    static final String COMPRESSIBLE_TYPES = "application/json,text/html,text/css,text/javascript,"
            + "application/javascript,text/plain,image/svg+xml";

    private final Tomcat tomcat;
    private final Context context;

    private EmbeddedTomcat(Tomcat tomcat, Context context) {
        this.tomcat = tomcat;
        this.context = context;
    }

    /**
     * Starts Tomcat on {@code httpPort} (0: a free port) with the webapp in {@code docBase} at the
     * root context path. Throws when the webapp fails to start (its listener logged why).
     */
    public static EmbeddedTomcat start(Path docBase, Path baseDir, int httpPort, Map<String, String> parameters)
            throws LifecycleException, IOException {
        Files.createDirectories(baseDir);
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        tomcat.setAddDefaultWebXmlToWebapp(false);
        Connector connector = new Connector("HTTP/1.1");
        connector.setPort(httpPort);
        connector.setProperty("server", "sflow-monitor");
        // a fleet-wide answer runs to megabytes of JSON and shrinks about tenfold (docs/configure_tomcat.md)
        connector.setProperty("compression", "on");
        connector.setProperty("compressionMinSize", String.valueOf(COMPRESSION_MIN_BYTES));
        connector.setProperty("compressibleMimeType", COMPRESSIBLE_TYPES);
        tomcat.setConnector(connector);
        tomcat.getServer().setGlobalNamingResources(new NamingResourcesImpl());
        // The webapp's class loader must see Tomcat's classes through its parent, as in a real Tomcat.
        tomcat.getServer().setParentClassLoader(EmbeddedTomcat.class.getClassLoader());
        ContextConfig config = new ContextConfig();
        Context context = tomcat.addWebapp(tomcat.getHost(), "", docBase.toAbsolutePath().toString(), config);
        StandardJarScanFilter filter = new StandardJarScanFilter();
        filter.setTldSkip("*");
        filter.setPluggabilitySkip("*");
        // the one jar whose META-INF/resources the dashboard needs (uPlot)
        filter.setPluggabilityScan(DASHBOARD_RESOURCE_JARS);
        context.getJarScanner().setJarScanFilter(filter);
        addStaticFileServlet(context);
        // error pages that name neither the server nor its version, nor show stack traces
        ErrorReportValve errors = new ErrorReportValve();
        errors.setShowServerInfo(false);
        errors.setShowReport(false);
        tomcat.getHost().getPipeline().addValve(errors);
        parameters.forEach((name, value) -> {
            ApplicationParameter p = new ApplicationParameter();
            p.setName(name);
            p.setValue(value);
            p.setOverride(false);
            context.addApplicationParameter(p);
        });
        tomcat.start();
        EmbeddedTomcat embedded = new EmbeddedTomcat(tomcat, context);
        if (context.getState() != LifecycleState.STARTED) {
            embedded.close();
            throw new LifecycleException("the sflow-monitor webapp failed to start; see the log above");
        }
        return embedded;
    }

    /**
     * Tomcat's DefaultServlet for the dashboard's files, as an external Tomcat's conf/web.xml
     * declares it (without directory listings), and the MIME types it answers with (JavaScript
     * modules are refused by browsers under any other type than a JavaScript one).
     */
    private static void addStaticFileServlet(Context context) {
        Wrapper files = context.createWrapper();
        files.setName("default");
        files.setServletClass(DefaultServlet.class.getName());
        files.addInitParameter("listings", "false");
        files.setLoadOnStartup(1);
        context.addChild(files);
        context.addServletMappingDecoded("/", "default");
        Tomcat.addDefaultMimeTypeMappings(context);
    }

    /** The bound HTTP port. */
    public int port() {
        return tomcat.getConnector().getLocalPort();
    }

    public Context context() {
        return context;
    }

    /** Undeploys the webapp and stops Tomcat. */
    @Override
    public void close() {
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            throw new IllegalStateException("Tomcat did not stop cleanly", e);
        }
    }
}
