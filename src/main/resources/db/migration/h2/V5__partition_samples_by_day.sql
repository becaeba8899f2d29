-- Issue 14. Partitions of the sample tables by day are PostgreSQL's (db/migration/postgresql);
-- H2 has none and keeps its tables, and its retention deletes rows. This version exists so
-- that both databases count the same schema versions.
SELECT 1;
