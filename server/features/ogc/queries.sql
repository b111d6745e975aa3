-- The OGC API – Features collections' statements. A page is one statement: the number of
-- features matched and the page's rows (as JSON, in id order), so the two never disagree.
-- $2 is the bbox [minLon, minLat, maxLon, maxLat] or null; exterior rings are made
-- counter-clockwise (RFC 7946 §3.1.6), coordinates WGS 84 at 6 decimals (about 0.1 m).
-- The three page statements share their shape but not their table or columns; each stays one
-- plain statement the planner sees whole rather than SQL spliced together from parts.

-- name: areaPage
-- Areas of level $1; $3 only the children of an area; $4 only one code; $5 limit, $6 offset.
WITH matched AS (
  SELECT a.code
  FROM area a
  WHERE a.level = $1::text
    AND ($2::float8[] IS NULL
      OR ST_Intersects(a.geom, ST_MakeEnvelope($2[1], $2[2], $2[3], $2[4], 4326)))
    AND ($3::text IS NULL OR a.parent_code = $3::text)
    AND ($4::text IS NULL OR a.code = $4::text)
),
page AS (
  SELECT code FROM matched ORDER BY code LIMIT $5::int OFFSET $6::int
)
SELECT
  (SELECT count(*) FROM matched)::int AS matched,
  coalesce((
    SELECT json_agg(json_build_object(
      'id', a.code,
      'name', a.name,
      'level', a.level,
      'parentCode', a.parent_code,
      'street', a.street,
      'compoundType', a.compound_type,
      'geometry', ST_AsGeoJSON(ST_ForcePolygonCCW(a.geom), 6)::json
    ) ORDER BY a.code)
    FROM page p JOIN area a ON a.code = p.code
  ), '[]'::json) AS rows

-- name: sitePage
-- 邻里之家; $1 the bbox; $2 only the sites of a 小区; $3 only one code; $4 limit, $5 offset.
WITH matched AS (
  SELECT s.code
  FROM site s
  WHERE ($1::float8[] IS NULL
      OR ST_Intersects(s.geom, ST_MakeEnvelope($1[1], $1[2], $1[3], $1[4], 4326)))
    AND ($2::text IS NULL OR s.xiaoqu_code = $2::text)
    AND ($3::text IS NULL OR s.code = $3::text)
),
page AS (
  SELECT code FROM matched ORDER BY code LIMIT $4::int OFFSET $5::int
)
SELECT
  (SELECT count(*) FROM matched)::int AS matched,
  coalesce((
    SELECT json_agg(json_build_object(
      'id', s.code,
      'name', s.name,
      'xiaoquCode', s.xiaoqu_code,
      'xiaoquName', x.name,
      'roomKind', s.room_kind,
      'services', to_json(s.services),
      'openingHours', s.opening_hours,
      'floorAreaM2', s.floor_area_m2,
      'geometry', ST_AsGeoJSON(s.geom, 6)::json
    ) ORDER BY s.code)
    FROM page p JOIN site s ON s.code = p.code JOIN area x ON x.code = s.xiaoqu_code
  ), '[]'::json) AS rows

-- name: issuePage
-- Issue points without personal data (as the public issue tiles: no reporter, no text);
-- $1 the bbox; $2 only the issues of a 小区; $3 only one id; $4 limit, $5 offset; $6/$7 the
-- reporting time's bounds (inclusive; null: open).
WITH matched AS (
  SELECT i.id
  FROM issue i
  WHERE ($1::float8[] IS NULL
      OR ST_Intersects(i.geom, ST_MakeEnvelope($1[1], $1[2], $1[3], $1[4], 4326)))
    AND ($2::text IS NULL OR i.xiaoqu_code = $2::text)
    AND ($3::int IS NULL OR i.id = $3::int)
    AND ($6::timestamptz IS NULL OR i.reported_at >= $6::timestamptz)
    AND ($7::timestamptz IS NULL OR i.reported_at <= $7::timestamptz)
),
page AS (
  SELECT id FROM matched ORDER BY id LIMIT $4::int OFFSET $5::int
)
SELECT
  (SELECT count(*) FROM matched)::int AS matched,
  coalesce((
    SELECT json_agg(json_build_object(
      'id', i.id::text,
      'category', i.category,
      'status', i.status,
      'handlingLevel', i.handling_level,
      'reportedAt', to_char(i.reported_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
      'resolvedAt', to_char(i.resolved_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
      'xiaoquCode', i.xiaoqu_code,
      'geometry', ST_AsGeoJSON(i.geom, 6)::json
    ) ORDER BY i.id)
    FROM page p JOIN issue i ON i.id = p.id
  ), '[]'::json) AS rows

-- name: tourismPage
-- The tourism cells (hexagons) with their busiest hour of the year; $1 the bbox; $2 unused
-- (no equality filter); $3 only one cell; $4 limit, $5 offset.
WITH matched AS (
  SELECT c.cell_id
  FROM tourism_cell c
  WHERE ($1::float8[] IS NULL
      OR ST_Intersects(c.geom, ST_MakeEnvelope($1[1], $1[2], $1[3], $1[4], 4326)))
    AND ($2::text IS NULL OR false)
    AND ($3::text IS NULL OR c.cell_id = $3::text)
),
page AS (
  SELECT cell_id FROM matched ORDER BY cell_id LIMIT $4::int OFFSET $5::int
),
peak AS (
  SELECT DISTINCT ON (p.cell_id) p.cell_id, p.visitors, p.month, p.hour
  FROM tourism_pressure p JOIN page USING (cell_id)
  ORDER BY p.cell_id, p.visitors DESC, p.month, p.hour
)
SELECT
  (SELECT count(*) FROM matched)::int AS matched,
  coalesce((
    SELECT json_agg(json_build_object(
      'id', c.cell_id,
      'peakVisitors', coalesce(k.visitors, 0),
      'peakMonth', k.month,
      'peakHour', k.hour,
      'geometry', ST_AsGeoJSON(ST_ForcePolygonCCW(ST_MakePolygon(ST_ExteriorRing(c.geom))), 6)::json
    ) ORDER BY c.cell_id)
    FROM page p JOIN tourism_cell c ON c.cell_id = p.cell_id LEFT JOIN peak k ON k.cell_id = c.cell_id
  ), '[]'::json) AS rows

-- name: staffPage
-- Staff posts at the label point of their 小区, with what the staff overlay shows (no name);
-- $1 the bbox; $2 only the posts of a 小区; $3 only one code; $4 limit, $5 offset; $6 the 小区
-- the caller may read staff in (the access rule's codes; null: the whole zone).
WITH matched AS (
  SELECT s.code
  FROM staff s JOIN area x ON x.code = s.xiaoqu_code
  WHERE ($1::float8[] IS NULL
      OR ST_Intersects(x.label_point, ST_MakeEnvelope($1[1], $1[2], $1[3], $1[4], 4326)))
    AND ($2::text IS NULL OR s.xiaoqu_code = $2::text)
    AND ($3::text IS NULL OR s.code = $3::text)
    AND ($6::text[] IS NULL OR s.xiaoqu_code = ANY($6::text[]))
),
page AS (
  SELECT code FROM matched ORDER BY code LIMIT $4::int OFFSET $5::int
)
SELECT
  (SELECT count(*) FROM matched)::int AS matched,
  coalesce((
    SELECT json_agg(json_build_object(
      'id', s.code,
      'department', s.department,
      'xiaoquCode', s.xiaoqu_code,
      'xiaoquName', x.name,
      'dutySchedule', s.duty_schedule,
      'geometry', ST_AsGeoJSON(x.label_point, 6)::json
    ) ORDER BY s.code)
    FROM page p JOIN staff s ON s.code = p.code JOIN area x ON x.code = s.xiaoqu_code
  ), '[]'::json) AS rows

-- name: staffXiaoqu
-- The 小区 a staff post ($1) is posted to, to judge one post against the caller's area.
SELECT xiaoqu_code AS "xiaoquCode" FROM staff WHERE code = $1::text

-- name: extent
-- The extent of a collection: an area level, 'sites', 'issues', 'tourism' or 'staff' ($1);
-- for staff, of the posts in the 小区 $2 (null: all).
SELECT ST_XMin(e)::float8 AS west, ST_YMin(e)::float8 AS south,
       ST_XMax(e)::float8 AS east, ST_YMax(e)::float8 AS north
FROM (
  SELECT ST_Extent(g) AS e FROM (
    SELECT geom AS g FROM area WHERE level = $1::text
    UNION ALL SELECT geom FROM site WHERE $1::text = 'sites'
    UNION ALL SELECT geom FROM issue WHERE $1::text = 'issues'
    UNION ALL SELECT geom FROM tourism_cell WHERE $1::text = 'tourism'
    UNION ALL SELECT x.label_point FROM staff s JOIN area x ON x.code = s.xiaoqu_code
      WHERE $1::text = 'staff' AND ($2::text[] IS NULL OR s.xiaoqu_code = ANY($2::text[]))
  ) u
) x
