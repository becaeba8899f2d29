-- Issue 18: a new VM's name and MAC no longer enter index B-trees on H2.
--
-- Their entries landed at random places of million-entry trees (a VM's name and MAC say nothing of
-- when it was created), so each new VM dirtied two more leaves that every save rewrote: about half
-- of what a new VM cost the process. On H2 the database is embedded in the one process that writes
-- it, so that process answers the lookups by name and MAC: the writer keeps each VM's name and
-- MACs as keys in memory (store.VmKeys) and a lookup reads its candidates' rows by id. Without a
-- writer (while it loads, or an instance of role api) the lookups read the tables.
-- PostgreSQL, which several instances share, keeps both indexes (its version 9 is empty).

DROP INDEX vm_hostname;
DROP INDEX vm_adapter_mac;
