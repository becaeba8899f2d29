package org.sflowmonitor.metrics;

/**
 * One metric family read from a sample table's column: its name (without the {@code _total} a
 * counter's exposition adds), help, the column, the factor to its base unit, and an optional
 * label that tells apart the columns of one family (e.g. {@code mode="user"} of the CPU time).
 * Whether it is a counter or a gauge is the column's kind (store.SampleRows).
 */
record SampleMetric(String name, String help, String column, double scale, String labelName, String labelValue) {

    static SampleMetric of(String name, String help, String column) {
        return new SampleMetric(name, help, column, 1, null, null);
    }

    static SampleMetric scaled(String name, String help, String column, double scale) {
        return new SampleMetric(name, help, column, scale, null, null);
    }

    /** One of several columns of the family {@code name}, told apart by {@code labelName=labelValue}. */
    static SampleMetric labelled(String name, String help, String column, double scale, String labelName,
                                 String labelValue) {
        return new SampleMetric(name, help, column, scale, labelName, labelValue);
    }
}
