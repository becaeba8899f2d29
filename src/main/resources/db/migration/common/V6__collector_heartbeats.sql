-- One row per collector writing into this database (several may share one PostgreSQL), written by that
-- collector itself every heartbeat.seconds and once more when it stops; collector.status lists them all.
CREATE TABLE collector_instance (
    instance_id           VARCHAR(255) PRIMARY KEY,
    host_name             VARCHAR(255) NOT NULL,
    sflow_port            INTEGER      NOT NULL,
    version               VARCHAR(64)  NOT NULL,
    started_at            BIGINT       NOT NULL,
    last_heartbeat        BIGINT       NOT NULL,
    heartbeat_interval_ms BIGINT       NOT NULL,
    stopped_at            BIGINT
);

-- The collector's counters as of its last heartbeat (the ingest counters of collector.status, the writer's queue).
CREATE TABLE collector_counter (
    instance_id   VARCHAR(255) NOT NULL REFERENCES collector_instance (instance_id) ON DELETE CASCADE,
    counter_name  VARCHAR(64)  NOT NULL,
    counter_value BIGINT       NOT NULL,
    PRIMARY KEY (instance_id, counter_name)
);
