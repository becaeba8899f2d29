-- Issue 19. The polling interval the collector learned from a node's samples (ms; NULL until
-- two samples at least half a second apart arrived): with last_seen it tells whether the node
-- and its VMs still report, for any process reading this database.
ALTER TABLE host ADD COLUMN polling_interval BIGINT;

-- Finding a node or a VM by one of its adapters' MACs (host.description / virt.description "mac").
CREATE INDEX host_adapter_mac ON host_adapter (mac);
CREATE INDEX vm_adapter_mac ON vm_adapter (mac);
