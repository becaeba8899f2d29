package org.sflowmonitor.app;

import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collections;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;

import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.internal.InternalThreadLocalMap;

import org.sflowmonitor.api.Api;
import org.sflowmonitor.metrics.Metrics;
import org.sflowmonitor.push.PushEndpoint;
import org.sflowmonitor.push.PushHub;

/**
 * Starts the service when the webapp is deployed and stops it, cleanly, when it is undeployed.
 * A failure to start (bad setting, port in use, database) fails the deployment with a message.
 */
public final class LifecycleListener implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(LifecycleListener.class.getName());
    private static final String RUNTIME = ServiceRuntime.class.getName();

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext ctx = event.getServletContext();
        try {
            ServiceRuntime runtime = ServiceRuntime.start(Settings.load(ctx::getInitParameter));
            ctx.setAttribute(RUNTIME, runtime);
            ctx.setAttribute(Api.CONTEXT_ATTRIBUTE, runtime.api());
            if (runtime.metrics() != null) {
                ctx.setAttribute(Metrics.CONTEXT_ATTRIBUTE, runtime.metrics());
            }
            ctx.setAttribute(PushHub.CONTEXT_ATTRIBUTE, runtime.push());
            PushEndpoint.register(ctx, runtime.push());
        } catch (Settings.InvalidSettingException | java.io.IOException e) {
            // the message says it all (the setting, the port); a stack trace would only hide it
            LOG.severe("sflow-monitor failed to start: " + e.getMessage());
            throw new IllegalStateException("sflow-monitor failed to start: " + e.getMessage(), e);
        } catch (Exception e) {
            LOG.log(Level.SEVERE, "sflow-monitor failed to start: " + e.getMessage(), e);
            throw new IllegalStateException("sflow-monitor failed to start: " + e.getMessage(), e);
        } finally {
            forgetNettyThreadLocals();
        }
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        ServletContext ctx = event.getServletContext();
        ServiceRuntime runtime = (ServiceRuntime) ctx.getAttribute(RUNTIME);
        ctx.removeAttribute(Api.CONTEXT_ATTRIBUTE);
        ctx.removeAttribute(Metrics.CONTEXT_ATTRIBUTE);
        ctx.removeAttribute(PushHub.CONTEXT_ATTRIBUTE);
        ctx.removeAttribute(RUNTIME);
        try {
            if (runtime != null) {
                runtime.close();
            }
        } finally {
            forgetNettyThreadLocals();
            deregisterJdbcDrivers();
        }
    }

    /**
     * Netty keeps a thread-local map on any thread that waits on its futures, here Tomcat's
     * deploying thread; left behind it would pin this webapp's classes after an undeploy.
     */
    private static void forgetNettyThreadLocals() {
        FastThreadLocal.removeAll();
        InternalThreadLocalMap.remove();
    }

    /** Drivers loaded by this webapp would pin its class loader after an undeploy. */
    private static void deregisterJdbcDrivers() {
        ClassLoader ours = LifecycleListener.class.getClassLoader();
        if (ours == ClassLoader.getSystemClassLoader()) {
            return; // not a webapp class loader (tests, plain java): the drivers are the JVM's
        }
        for (Driver driver : Collections.list(DriverManager.getDrivers())) {
            if (driver.getClass().getClassLoader() == ours) {
                try {
                    DriverManager.deregisterDriver(driver);
                } catch (SQLException e) {
                    LOG.log(Level.FINE, "could not deregister " + driver, e);
                }
            }
        }
    }
}
