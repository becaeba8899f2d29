package org.sflowmonitor.api;

import java.util.List;

import com.googlecode.jsonrpc4j.JsonRpcParam;

/**
 * The params that sort and page a fleet-wide answer (host.summary, virt.summary, the
 * descriptions), declared once and flattened into each such method's params after its own; see
 * {@link Page}.
 */
public record Paging(@JsonRpcParam("sortfield") String sortfield, @JsonRpcParam("sortorder") String sortorder,
                     @JsonRpcParam("limit") Integer limit, @JsonRpcParam("offset") Integer offset,
                     @JsonRpcParam("total") Boolean total) {

    /** The page asked for; {@code sortable} are the fields the answer has, {@code maxLimit} api.max.limit. */
    Page page(List<String> sortable, int maxLimit) {
        return Page.of(sortfield, sortorder, limit, offset, total, sortable, maxLimit);
    }
}
