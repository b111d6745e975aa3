-- Names matching $1 (the query as typed, LIKE-escaped) or, when $2 is not null, its pinyin $2
-- (lower-case letters, LIKE-escaped): a name equal to the query first, then names starting
-- with it, names containing it, pinyin initials (xwh → 西文化小区: equal, then prefix), full
-- pinyin from the start, then pinyin anywhere. Each place once, with its best match; up to $3.
-- Prefix branches use the text_pattern_ops indexes of search_key.
WITH hits AS (
  SELECT kind, code, name, 0 AS rank FROM search_key WHERE variant = 0 AND name = $1
  UNION ALL
  SELECT kind, code, name, 1 FROM search_key WHERE variant = 0 AND name LIKE $1 || '%'
  UNION ALL
  SELECT kind, code, name, 2 FROM search_key WHERE variant = 0 AND name LIKE '%' || $1 || '%'
  UNION ALL
  SELECT kind, code, name, 3 FROM search_key WHERE $2::text IS NOT NULL AND initials = $2
  UNION ALL
  SELECT kind, code, name, 4 FROM search_key WHERE $2::text IS NOT NULL AND initials LIKE $2 || '%'
  UNION ALL
  SELECT kind, code, name, 5 FROM search_key WHERE $2::text IS NOT NULL AND pinyin LIKE $2 || '%'
  UNION ALL
  SELECT kind, code, name, 6 FROM search_key
  WHERE $2::text IS NOT NULL AND length($2) >= 2
    AND (initials LIKE '%' || $2 || '%' OR pinyin LIKE '%' || $2 || '%')
),
best AS (
  SELECT kind, code, name, min(rank) AS rank FROM hits GROUP BY kind, code, name
),
ranked AS (
  SELECT b.*,
    -- Where the map flies to: the area itself, or a site's 小区 with the site's point.
    CASE WHEN b.kind = 'site' THEN s.xiaoqu_code ELSE b.code END AS area_code,
    CASE WHEN b.kind = 'site' THEN s.geom END AS point
  FROM best b
  LEFT JOIN site s ON b.kind = 'site' AND s.code = b.code
  ORDER BY b.rank,
    CASE b.kind WHEN 'pianqu' THEN 0 WHEN 'shequ' THEN 1 WHEN 'xiaoqu' THEN 2 ELSE 3 END,
    length(b.name), b.code
  LIMIT $3::int
)
SELECT
  r.kind,
  r.code,
  r.name,
  r.area_code AS "areaCode",
  CASE WHEN r.rank = 0 THEN 'exact' WHEN r.rank = 1 THEN 'prefix' WHEN r.rank = 2 THEN 'substring'
       WHEN r.rank IN (3, 4) THEN 'initials' ELSE 'pinyin' END AS match,
  -- Names above, zone first; a site's chain ends with its 小区.
  (
    WITH RECURSIVE up AS (
      SELECT a.code, a.name, a.parent_code, 0 AS depth FROM area a
      WHERE a.code = CASE WHEN r.kind = 'site' THEN r.area_code ELSE
        (SELECT parent_code FROM area WHERE code = r.code) END
      UNION ALL
      SELECT p.code, p.name, p.parent_code, up.depth + 1 FROM area p JOIN up ON p.code = up.parent_code
    )
    SELECT coalesce(json_agg(name ORDER BY depth DESC), '[]'::json) FROM up
  ) AS chain,
  -- 6 decimals (about 0.1 m), as in geodata/.
  json_build_array(
    round(ST_X(coalesce(r.point, a.label_point))::numeric, 6)::float8,
    round(ST_Y(coalesce(r.point, a.label_point))::numeric, 6)::float8
  ) AS center,
  CASE WHEN r.kind = 'site' THEN NULL
       ELSE json_build_array(ST_XMin(a.geom::box2d), ST_YMin(a.geom::box2d),
                             ST_XMax(a.geom::box2d), ST_YMax(a.geom::box2d)) END AS bbox
FROM ranked r
JOIN area a ON a.code = r.area_code
ORDER BY r.rank,
  CASE r.kind WHEN 'pianqu' THEN 0 WHEN 'shequ' THEN 1 WHEN 'xiaoqu' THEN 2 ELSE 3 END,
  length(r.name), r.code
