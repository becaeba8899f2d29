package org.sflowmonitor.store;

/**
 * One rollup row as {@link RollupQuery} hands it over, valid until the next: its node, bucket,
 * sample count and interface, and per measure of the query ({@code m}: its place in the query's
 * measures) how many values it had and their min, max and sum (only read when it had any).
 */
public interface RollupRow {

    long hostId();

    long bucketStart();

    int samples();

    /** The interface's ifIndex; 0 outside interfaces. */
    long ifIndex();

    int count(int m);

    double min(int m);

    double max(int m);

    double sum(int m);
}
