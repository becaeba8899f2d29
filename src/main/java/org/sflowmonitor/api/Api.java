package org.sflowmonitor.api;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;

import org.sflowmonitor.store.IngestFirst;
import org.sflowmonitor.store.Inventory;
import org.sflowmonitor.store.LatestSamples;
import org.sflowmonitor.store.LatestState;
import org.sflowmonitor.store.LatestTables;
import org.sflowmonitor.store.LiveEntities;
import org.sflowmonitor.store.Queries;

/**
 * The JSON-RPC services of /api and the dispatcher in front of them. Built once by the
 * lifecycle listener and found by {@link JsonRpcServlet} in the servlet context.
 */
public final class Api {

    /** Servlet context attribute under which the lifecycle listener stores the Api. */
    public static final String CONTEXT_ATTRIBUTE = Api.class.getName();

    private static final Logger LOG = Logger.getLogger(Api.class.getName());

    private final ApiConfig config;
    private final ObjectMapper mapper;
    private final Map<String, Namespace> namespaces;
    private final JsonRpcDispatcher dispatcher;

    private final Map<String, String> withheld;

    private Api(ApiConfig config, ObjectMapper mapper, Map<String, Namespace> namespaces,
                Map<String, String> withheld) {
        this.config = config;
        this.mapper = mapper;
        this.namespaces = Map.copyOf(namespaces);
        this.withheld = Map.copyOf(withheld);
        this.dispatcher = new JsonRpcDispatcher(mapper, namespaces, config.maxBatch(), withheld);
    }

    /** The service's API; warns in the log when no token protects it. */
    public static Api create(Queries queries, CollectorSources collector, ApiConfig config) {
        return create(queries, collector, config,
                collector.collects() ? collector.writer().latestState() : new LatestState(), false);
    }

    /**
     * The service's API answering the fleet-wide summaries from {@code latest} (the writer's, or
     * one a {@link org.sflowmonitor.store.LatestRefresh} keeps; while it is not loaded they are
     * read from the latest tables). {@code othersWrite}: other collectors may write into the same
     * database, so that the sights of host.description and virt.description (last_seen, the VM
     * counts, reporting) come from the latest state, which merges what every collector wrote,
     * instead of this instance's writer, which knows only what it received.
     */
    public static Api create(Queries queries, CollectorSources collector, ApiConfig config, LatestState latestState,
                             boolean othersWrite) {
        warnIfOpen(config);
        ObjectMapper mapper = new ObjectMapper();
        // without a writer, or beside other writers, the writer's live state is not the answer: one never loaded
        LiveEntities live = collector.collects() && !othersWrite ? collector.writer().live() : new LiveEntities();
        Inventory inventory = new Inventory(queries, live.vmKeys());
        SeriesReader series = new SeriesReader(queries, config.maxLimit(), collector.rollups(),
                System::currentTimeMillis);
        LatestSamples latest = new LatestTables(queries, live.vmKeys());
        Map<String, Namespace> namespaces = new LinkedHashMap<>();
        EntityReads reads = new EntityReads(inventory, series, latest, latestState, live, config.silentIntervals());
        AnswerCache answers = new AnswerCache(config.answerCacheBytes());
        // the cluster's data gives way to ingest; collector.* and apiinfo.* answer at once, to see why it is behind;
        // an instance that does not collect has no ingest to give way to
        IngestFirst turns = collector.collects() ? collector.writer().ingestFirst() : IngestFirst.NEVER_WAITS;
        add(namespaces, new Namespace("host", HostApi.class, new HostService(reads, answers),
                SeriesMethod.specs("host", reads), mapper, turns));
        add(namespaces, new Namespace("virt", VirtApi.class, new VirtService(reads, answers),
                SeriesMethod.specs("virt", reads), mapper, turns));
        addInstanceNamespaces(namespaces, queries, collector, config, mapper);
        return new Api(config, mapper, namespaces, Map.of());
    }

    /**
     * The Api of a collector-only instance: collector.status (this collector's counters and every
     * collector's heartbeat, for its monitoring) and apiinfo; host.* and virt.* are answered by
     * instances of role api or both, and a call to one here says so.
     */
    public static Api createForCollector(Queries queries, CollectorSources collector, ApiConfig config) {
        warnIfOpen(config);
        ObjectMapper mapper = new ObjectMapper();
        Map<String, Namespace> namespaces = new LinkedHashMap<>();
        addInstanceNamespaces(namespaces, queries, collector, config, mapper);
        String reason = "this instance's role is collector (it receives sFlow and writes it); host.* and virt.*"
                + " are answered by the instances of role api or both on the same database";
        return new Api(config, mapper, namespaces, Map.of("host", reason, "virt", reason));
    }

    private static void warnIfOpen(ApiConfig config) {
        if (!config.tokenRequired()) {
            LOG.warning("api.token is not set: /api answers anyone who can reach it; set api.token to require "
                    + "'Authorization: Bearer <token>' (see docs/api.md)");
        }
    }

    /** collector.* and apiinfo.*, which every instance answers about itself. */
    private static void addInstanceNamespaces(Map<String, Namespace> namespaces, Queries queries,
                                              CollectorSources collector, ApiConfig config, ObjectMapper mapper) {
        add(namespaces, new Namespace("collector", CollectorApi.class,
                new CollectorService(collector, queries, config.version()), mapper));
        add(namespaces, new Namespace("apiinfo", ApiinfoApi.class, new ApiinfoService(config.version()), mapper));
    }

    /**
     * A copy of this Api with one more service interface; {@code namespace} "" takes methods called
     * without a dot. The WebSocket push adds its per-connection {@code push.*} methods this way;
     * tests add handlers of their own.
     */
    public <T> Api with(String namespace, Class<T> api, T implementation) {
        Map<String, Namespace> more = new LinkedHashMap<>(namespaces);
        add(more, new Namespace(namespace, api, implementation, mapper));
        return new Api(config, mapper, more, withheld);
    }

    private static void add(Map<String, Namespace> namespaces, Namespace namespace) {
        if (namespaces.put(namespace.name(), namespace) != null) {
            throw new IllegalArgumentException("namespace '" + namespace.name() + "' is already taken");
        }
    }

    public ApiConfig config() {
        return config;
    }

    /** The response body for a request body; null when nothing is to be answered (notifications). */
    public byte[] handle(byte[] body) {
        return dispatcher.handle(body);
    }

    /** As {@link #handle}, the response in parts for a transport that sends them as they are (the servlet). */
    ResponseBody respond(byte[] body) {
        return dispatcher.respond(body);
    }

    /**
     * Runs one call as a request with these params would run it, for a transport of its own (the
     * WebSocket push): the result as JSON text, or the error the call would have answered with.
     */
    public Outcome call(String method, JsonNode params) {
        return call(method, params, System.nanoTime());
    }

    /**
     * As {@link #call(String, JsonNode)}, one of several calls of a request that came at {@code
     * requestCame} ({@link System#nanoTime()}; a push round): they give way to ingest as one
     * ({@link IngestFirst#turn(long)}).
     */
    public Outcome call(String method, JsonNode params, long requestCame) {
        try {
            return new Outcome(new String(dispatcher.write(dispatcher.result(method, params, requestCame)),
                    StandardCharsets.UTF_8), null);
        } catch (RpcException e) {
            return new Outcome(null, e);
        }
    }

    /** What {@link #call} gives: a result in JSON, or the error. */
    public record Outcome(String resultJson, RpcException error) {
    }

    /** The JSON-RPC error object (code, message, data) of an error, for a transport of its own. */
    public JsonNode errorObject(RpcException e) {
        return JsonRpcDispatcher.error(NullNode.instance, e).get("error");
    }

    /** A complete error response with a null id, for errors found before the body is read. */
    public byte[] errorBody(RpcException e) {
        return dispatcher.write(JsonRpcDispatcher.error(NullNode.instance, e));
    }
}
