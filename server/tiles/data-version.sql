-- The data versions of the layers $1, moved by every write to them (migrations 008, 011,
-- 012): the tile cache's key.
SELECT layer, version FROM data_version WHERE layer = ANY ($1::text[]) ORDER BY layer
