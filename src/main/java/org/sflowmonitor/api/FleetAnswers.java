package org.sflowmonitor.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.sflowmonitor.store.EntityFilter;

/**
 * The steps the fleet-wide answers of nodes and VMs share (host.description, host.summary,
 * virt.description, virt.summary): the page asked for, and the rows kept as written JSON in the
 * {@link AnswerCache} while the latest state's generation holds and no entity in them changes its
 * reporting state.
 */
final class FleetAnswers {

    private FleetAnswers() {
    }

    /** A description method: its name and its row type, whose fields it sorts by. */
    record Description<R extends Record>(String method, Class<R> type, List<String> sortable) {

        Description(String method, Class<R> type) {
            this(method, type, Page.sortableFields(type));
        }

        /** The rows {@code describe} makes, paged; {@code params} are the call's params besides the paging ones. */
        Object answer(EntityReads reads, AnswerCache answers, List<Object> params, Paging paging,
                      Supplier<SummaryRows.Rows<R>> describe) {
            Page page = paging.page(sortable, reads.series().maxLimit());
            return answers.get(key(method, params, page), reads.state().generation(), System.currentTimeMillis(),
                    () -> {
                        SummaryRows.Rows<R> rows = describe.get();
                        return new AnswerCache.Computed(page.applyToRecords(rows.rows(), type), rows.validUntil());
                    });
        }
    }

    /** A summary's rows from the latest state in memory. */
    @FunctionalInterface
    interface FromState<R extends Record> {
        SummaryRows.Rows<WrittenRow<R>> rows(SummaryRows summaries, EntityFilter filter, Reporting.Rule rule,
                                             Boolean reporting);
    }

    /** A summary's rows read from the latest tables, while the writer has not loaded them into memory. */
    @FunctionalInterface
    interface FromTables {
        List<Map<String, Object>> rows(EntityReads reads, EntityFilter filter, List<String> fields, Boolean reporting);
    }

    /** A summary method: its name, its fields, its row type and where its rows come from. */
    record Summary<R extends Record>(String method, List<String> fields, Class<R> type, FromState<R> fromState,
                                     FromTables fromTables) {

        /** The entities {@code filter} names, with the fields {@code output} asks for, paged. */
        Object answer(EntityReads reads, AnswerCache answers, Supplier<EntityFilter> filter, List<String> output,
                      Boolean reporting, Paging paging) {
            Page page = paging.page(fields, reads.series().maxLimit());
            List<String> wanted = Selection.output(output, fields);
            page.requireSortFieldIn(wanted);
            EntityFilter entities = filter.get();
            if (!reads.state().loaded()) {
                return page.applyToMaps(fromTables.rows(reads, entities, wanted, reporting));
            }
            return answers.get(key(method, Arrays.asList(entities, reporting, wanted), page),
                    reads.state().generation(), System.currentTimeMillis(), () -> {
                        SummaryRows.Rows<WrittenRow<R>> rows = fromState.rows(reads.summaries(), entities,
                                reads.reportingNow(), reporting);
                        return new AnswerCache.Computed(page.applyToWritten(rows.rows(), type, wanted),
                                rows.validUntil());
                    });
        }
    }

    private static List<Object> key(String method, List<Object> params, Page page) {
        List<Object> key = new ArrayList<>(params.size() + 2);
        key.add(method);
        key.addAll(params);
        key.add(page);
        return key;
    }
}
