-- A layer's data version ($1), moved by every write to it (migration 008): the tile cache's key.
SELECT version FROM data_version WHERE layer = $1
