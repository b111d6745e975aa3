-- The loaded data's version and source, for the health check (no row in an empty database).
SELECT version, source FROM dataset
