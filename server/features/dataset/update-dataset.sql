-- Names the data set ($1) or sets its time zone ($2); a null keeps what is there.
INSERT INTO dataset (id, source, version, name, time_zone)
VALUES (true, 'import', 'import', $1, coalesce($2, zone_tz()))
ON CONFLICT (id) DO UPDATE SET
  name = coalesce($1, dataset.name),
  time_zone = coalesce($2, dataset.time_zone)
