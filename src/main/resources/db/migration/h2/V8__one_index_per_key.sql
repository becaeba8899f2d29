-- Issue 18: what a new VM writes on H2, where each new VM's index entries cost more CPU than its sample.
--
-- H2 backs each foreign key with an index on exactly its columns, so every new VM added
-- entries to two indexes on vm.host_id (vm_host and its foreign key's) and every new adapter row to
-- two led by its entity's id (the primary key and its foreign key's): 9 B-trees written per new VM
-- where 7 answer every query. vm_host goes (the foreign key's index on host_id stays). The adapter
-- tables are made again without their foreign keys: their primary keys find an entity's adapters,
-- and the writer inserts an adapter row after its entity's, in the same transaction, and deletes no
-- entity. vm.uuid becomes H2's UUID type: 16 bytes instead of 36 characters in the table and in its
-- unique index, whose entries land at random places (H2 orders UUIDs as unsigned numbers, the order
-- of their lower-case text, so ORDER BY uuid is unchanged; queries read it back as text, Queries.value).
-- PostgreSQL makes no index for a foreign key and keeps its schema (its version 8 is empty).

DROP INDEX vm_host;
ALTER TABLE vm ALTER COLUMN uuid SET DATA TYPE UUID;

CREATE TABLE vm_adapter_v8 (
    vm_id    BIGINT      NOT NULL,
    if_index BIGINT      NOT NULL,
    mac      VARCHAR(17) NOT NULL,
    PRIMARY KEY (vm_id, if_index, mac)
);
INSERT INTO vm_adapter_v8 (vm_id, if_index, mac) SELECT vm_id, if_index, mac FROM vm_adapter;
DROP TABLE vm_adapter;
ALTER TABLE vm_adapter_v8 RENAME TO vm_adapter;
CREATE INDEX vm_adapter_mac ON vm_adapter (mac);

CREATE TABLE host_adapter_v8 (
    host_id  BIGINT      NOT NULL,
    if_index BIGINT      NOT NULL,
    mac      VARCHAR(17) NOT NULL,
    PRIMARY KEY (host_id, if_index, mac)
);
INSERT INTO host_adapter_v8 (host_id, if_index, mac) SELECT host_id, if_index, mac FROM host_adapter;
DROP TABLE host_adapter;
ALTER TABLE host_adapter_v8 RENAME TO host_adapter;
CREATE INDEX host_adapter_mac ON host_adapter (mac);
