package org.sflowmonitor.store;

/**
 * One sample as a rollup reads it: the entity ({@code id}, and {@code sub} the ifIndex of an
 * interface, else 0), the node it came from, its time, and the values of the columns the
 * rollup keeps, as {@link Column#rollupValue} gives them.
 */
record SampleValues(long id, long sub, long hostId, long ts, long[] values) {
}
