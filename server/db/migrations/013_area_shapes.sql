-- Area shapes pre-simplified per zoom for the area tiles. At low zoom one tile holds thousands
-- of 小区 at city scale, and reprojecting and simplifying each of them on every tile miss was
-- most of the tile's cost. The shapes are exactly what the tile query computed at request time
-- (Web Mercator, simplified by one tile-grid unit of the zoom), kept by a row trigger on `area`
-- in the same transaction as the write, so they can never be older than the boundaries.
-- Zooms above 12 hold few areas per tile and stay computed at request time.

-- The shapes of one geometry at zooms 5..12: reprojected once, simplified per zoom.
CREATE FUNCTION area_shapes_of(g geometry)
RETURNS TABLE (zoom smallint, geom geometry)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT z::smallint, ST_SimplifyPreserveTopology(m, (40075016.685578488 / 2 ^ z) / 4096)
  FROM ST_Transform(g, 3857) AS m, generate_series(5, 12) AS z
$$;

CREATE TABLE area_shape (
  code text NOT NULL REFERENCES area (code) ON DELETE CASCADE ON UPDATE CASCADE,
  zoom smallint NOT NULL CHECK (zoom BETWEEN 5 AND 12),
  geom geometry(Geometry, 3857) NOT NULL,
  -- The tile query finds its areas through area's own indexes and looks each shape up here.
  PRIMARY KEY (code, zoom)
);

CREATE FUNCTION area_shape_refresh() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- A code changed in the same statement has already been cascaded to NEW.code.
  DELETE FROM area_shape WHERE code = NEW.code;
  INSERT INTO area_shape (code, zoom, geom)
  SELECT NEW.code, s.zoom, s.geom FROM area_shapes_of(NEW.geom) s;
  RETURN NULL;
END
$$;

CREATE TRIGGER area_shape_refresh
AFTER INSERT OR UPDATE OF geom ON area
FOR EACH ROW EXECUTE FUNCTION area_shape_refresh();

INSERT INTO area_shape (code, zoom, geom)
SELECT a.code, s.zoom, s.geom FROM area a, area_shapes_of(a.geom) s;
