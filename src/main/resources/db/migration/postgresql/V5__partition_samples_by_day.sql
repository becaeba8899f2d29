-- Issue 14. On PostgreSQL the sample tables are partitioned by ts, one partition per UTC day
-- (named TABLE_pYYYYMMDD), so that retention drops whole days instead of deleting rows and the
-- indexes of one day stay small. The service creates the partitions ahead (store/Partitions).
-- The rows already stored stay where they are: the old table becomes the partition of
-- everything before the end of its last day (TABLE_before_v5); an empty one is dropped.
-- TABLE_default takes a row of a day without a partition (a clock far off), so that no insert
-- fails; retention deletes its old rows one by one.
DO $$
DECLARE
    t text;
    newest bigint;
    day CONSTANT bigint := 86400000;
BEGIN
    FOREACH t IN ARRAY ARRAY['host_sample', 'host_mib2_sample', 'vm_sample', 'interface_sample'] LOOP
        EXECUTE format('ALTER TABLE %I RENAME TO %I', t, t || '_before_v5');
        EXECUTE format('CREATE TABLE %I (LIKE %I INCLUDING DEFAULTS INCLUDING CONSTRAINTS) PARTITION BY RANGE (ts)',
                       t, t || '_before_v5');
        EXECUTE format('CREATE TABLE %I PARTITION OF %I DEFAULT', t || '_default', t);
        EXECUTE format('SELECT MAX(ts) FROM %I', t || '_before_v5') INTO newest;
        IF newest IS NULL THEN
            EXECUTE format('DROP TABLE %I', t || '_before_v5');
        ELSE
            EXECUTE format('ALTER TABLE %I ATTACH PARTITION %I FOR VALUES FROM (MINVALUE) TO (%s)',
                           t, t || '_before_v5', (newest / day + 1) * day);
        END IF;
    END LOOP;
END
$$;

-- The indexes of V1 (kept by the old tables, which take them as their partitions' indexes).
CREATE INDEX host_sample_host_ts_p ON host_sample (host_id, ts);
CREATE INDEX host_mib2_sample_host_ts_p ON host_mib2_sample (host_id, ts);
CREATE INDEX vm_sample_vm_ts_p ON vm_sample (vm_id, ts);
CREATE INDEX interface_sample_host_if_ts_p ON interface_sample (host_id, if_index, ts);
