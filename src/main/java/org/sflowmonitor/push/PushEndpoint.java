package org.sflowmonitor.push;

import java.io.IOException;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.servlet.ServletContext;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * The WebSocket endpoint at /push (JSON-RPC 2.0 in text messages). Registered by code rather
 * than by annotation, since the webapp's web.xml is metadata-complete and nothing is scanned.
 */
public final class PushEndpoint extends Endpoint {

    public static final String PATH = "/push";
    /** The subprotocol a client offers (browsers add "bearer.&lt;token&gt;" beside it). */
    public static final String SUBPROTOCOL = "jsonrpc";
    private static final Logger LOG = Logger.getLogger(PushEndpoint.class.getName());
    /** Tomcat's user property: how long a blocking send (the close frame) may wait. */
    private static final String BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

    private final PushHub hub;

    private PushEndpoint(PushHub hub) {
        this.hub = hub;
    }

    /** Adds the endpoint to the servlet context's WebSocket container; false when there is none. */
    public static boolean register(ServletContext context, PushHub hub) {
        ServerContainer container = (ServerContainer) context.getAttribute(ServerContainer.class.getName());
        if (container == null) {
            LOG.warning("no WebSocket container in this servlet container: /push (live updates) is off");
            return false;
        }
        try {
            container.addEndpoint(ServerEndpointConfig.Builder.create(PushEndpoint.class, PATH)
                .subprotocols(List.of(SUBPROTOCOL))
                .configurator(new ServerEndpointConfig.Configurator() {
                    @Override
                    public <T> T getEndpointInstance(Class<T> endpointClass) {
                        return endpointClass.cast(new PushEndpoint(hub));
                    }
                })
                .build());
        } catch (DeploymentException e) {
            LOG.log(Level.WARNING, "/push (live updates) could not be registered and is off", e);
            return false;
        }
        return true;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.getUserProperties().put(BLOCKING_SEND_TIMEOUT, PushHub.CLOSE_TIMEOUT_MILLIS);
        session.getAsyncRemote().setSendTimeout(PushHub.CLOSE_TIMEOUT_MILLIS * 5);
        session.setMaxTextMessageBufferSize(hub.limits().maxMessageBytes());
        PushConnection connection = new PushConnection(session, hub);
        if (!hub.add(connection)) {
            close(session, new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER,
                    "push.max.connections reached; try again later"));
            return;
        }
        session.getUserProperties().put(PushConnection.class.getName(), connection);
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) connection::received);
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
        PushConnection connection = (PushConnection) session.getUserProperties().get(PushConnection.class.getName());
        if (connection != null) {
            hub.remove(connection);
        }
    }

    @Override
    public void onError(Session session, Throwable error) {
        LOG.log(Level.FINE, "push: connection error", error);
    }

    private static void close(Session session, CloseReason reason) {
        try {
            session.close(reason);
        } catch (IOException e) {
            LOG.log(Level.FINE, "push: closing a refused session failed", e);
        }
    }
}
