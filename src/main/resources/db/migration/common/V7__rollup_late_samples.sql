-- Samples a collector stored after their rollup bucket was due (its writer's queue was behind), noted by that
-- collector for the one whose rollup job writes the rollups (with several collectors on one PostgreSQL only one
-- does, see docs/scale-out.md): that job computes those buckets again from the raw samples and deletes the notes.
CREATE TABLE rollup_late (
    earliest BIGINT NOT NULL
);
