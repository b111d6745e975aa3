-- Fails where ST_AsMVT cannot run (the WASM build lacks protobuf-c); queryable.ts, probeMvt.
SELECT ST_AsMVT(t, 'probe') AS tile FROM (SELECT ST_MakePoint(1, 1) AS geom) AS t
