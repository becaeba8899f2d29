package org.sflowmonitor.api;

import java.util.Map;

import com.googlecode.jsonrpc4j.JsonRpcParam;

/** The {@code collector.*} methods: the health of the collector itself. */
public interface CollectorApi {

    /** Ingest counters in total and per agent ({@code agent} picks one address), writer queue and fault, database, JVM. */
    Map<String, Object> status(@JsonRpcParam("agent") String agent);
}
