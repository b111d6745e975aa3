-- A version number per data layer, moved by every statement that writes the layer's tables.
-- Cached tiles are keyed by it, so a cache (in any server instance) can never serve a tile
-- older than the data: the first request after a committed write reads the new version.
-- Statement-level triggers: a bulk load of a million rows moves it once, not a million times.
CREATE TABLE data_version (
  layer text PRIMARY KEY,
  version bigint NOT NULL DEFAULT 1,
  changed_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO data_version (layer) VALUES ('areas'), ('issues');

CREATE FUNCTION data_version_bump() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE data_version SET version = version + 1, changed_at = now() WHERE layer = TG_ARGV[0];
  RETURN NULL;
END;
$$;

CREATE TRIGGER area_data_version
AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON area
FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump('areas');

CREATE TRIGGER issue_data_version
AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON issue
FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump('issues');
