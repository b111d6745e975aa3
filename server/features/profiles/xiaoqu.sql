-- The 小区 parts of a profile for 小区 $1: its policy (一小区一策), party branch, workers by role
-- ($4: the vocabulary's roles, each listed), 邻里之家, and the issues (newest first, at most $5)
-- and activities (newest first, at most 100) of the window [$2, $3] (local dates; null = open)
-- with the issue filters $6 categories, $7 statuses, $8 handling levels. Each issue has its
-- status on the window's last day, as the figures count it (figures.sql): resolved later, it
-- was being handled then. Issues carry no reporter and no position. $9: the data set's IANA time
-- zone.
SELECT json_build_object(
  'builtYear', x.built_year,
  'policy', (
    SELECT json_build_object('compoundType', p.compound_type, 'title', p.title,
                             'summary', p.summary, 'measures', to_json(p.measures))
    FROM compound_policy p WHERE p.compound_type = x.compound_type
  ),
  'partyBranch', coalesce((
    SELECT json_build_object('name', b.name, 'members', b.members,
                             'establishedOn', to_char(b.established_on, 'YYYY-MM-DD'))
    FROM party_branch b WHERE b.xiaoqu_code = x.code
  ), json_build_object('name', x.name || '党支部', 'members', 0, 'establishedOn', NULL)),
  'workersByRole', (
    SELECT json_agg(json_build_object('role', r.role, 'count', coalesce(w.count, 0)) ORDER BY r.ord)
    FROM unnest($4::text[]) WITH ORDINALITY AS r(role, ord)
    LEFT JOIN worker_post w ON w.xiaoqu_code = x.code AND w.role = r.role
  ),
  'sites', (
    SELECT coalesce(json_agg(json_build_object(
      'code', s.code, 'name', s.name, 'roomKind', s.room_kind, 'services', to_json(s.services),
      'openingHours', s.opening_hours, 'floorAreaM2', s.floor_area_m2,
      'position', json_build_array(ST_X(s.geom), ST_Y(s.geom))
    ) ORDER BY s.code), '[]'::json)
    FROM site s WHERE s.xiaoqu_code = x.code
  ),
  'issues', (
    SELECT coalesce(json_agg(json_build_object(
      'id', i.id, 'category', i.category, 'status', i.status_then, 'handlingLevel', i.handling_level,
      'reportedOn', to_char(local_day(i.reported_at, $9::text), 'YYYY-MM-DD'),
      'resolvedOn', CASE WHEN i.status_then = 'resolved'
        THEN to_char(local_day(i.resolved_at, $9::text), 'YYYY-MM-DD') END,
      'legacy', EXISTS (SELECT 1 FROM issue_tag g WHERE g.issue_id = i.id AND g.tag = 'legacy'),
      'crossShequ', EXISTS (SELECT 1 FROM issue_tag g WHERE g.issue_id = i.id AND g.tag = 'cross_shequ')
    ) ORDER BY i.reported_at DESC, i.id DESC), '[]'::json)
    FROM (
      SELECT * FROM (
        SELECT i.*,
          CASE
            WHEN i.resolved_at IS NOT NULL AND ($3::date IS NULL
              OR i.resolved_at < local_start($3::date + 1, $9::text))
              THEN 'resolved'
            WHEN i.status = 'resolved' THEN 'in_progress'
            ELSE i.status
          END AS status_then
        FROM issue i
        WHERE i.xiaoqu_code = x.code
      ) i
      WHERE ($2::date IS NULL OR i.reported_at >= local_start($2::date, $9::text))
        AND ($3::date IS NULL OR i.reported_at < local_start($3::date + 1, $9::text))
        AND ($6::text[] IS NULL OR i.category = ANY ($6::text[]))
        AND ($7::text[] IS NULL OR i.status_then = ANY ($7::text[]))
        AND ($8::text[] IS NULL OR i.handling_level = ANY ($8::text[]))
      ORDER BY i.reported_at DESC, i.id DESC
      LIMIT $5::int
    ) i
  ),
  'activities', (
    SELECT coalesce(json_agg(json_build_object(
      'code', a.code, 'kind', a.kind, 'title', a.title,
      'heldOn', to_char(a.held_on, 'YYYY-MM-DD'), 'attendance', a.attendance
    ) ORDER BY a.held_on DESC, a.code DESC), '[]'::json)
    FROM (
      SELECT * FROM activity a
      WHERE a.scope = 'xiaoqu' AND a.area_code = x.code
        AND ($2::date IS NULL OR a.held_on >= $2::date)
        AND ($3::date IS NULL OR a.held_on <= $3::date)
      ORDER BY a.held_on DESC, a.code DESC
      LIMIT 100
    ) a
  ),
  'staff', (
    SELECT coalesce(json_agg(json_build_object(
      'code', s.code, 'department', s.department, 'dutySchedule', s.duty_schedule
    ) ORDER BY s.code), '[]'::json)
    FROM staff s WHERE s.xiaoqu_code = x.code
  )
) AS parts
FROM area x
WHERE x.code = $1::text AND x.level = 'xiaoqu'
