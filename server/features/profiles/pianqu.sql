-- The 片区 parts of a profile for 片区 $1 in the window [$2, $3] (local dates; null = open):
-- meetings held in the window with their chair, their agenda (议事清单), shared resources with
-- the uses in the window by 社区, and credit points redeemed across its 社区 (片区内通兑) in the
-- months overlapping the window.
WITH meetings AS (
  SELECT m.month, m.held_on, m.chair_shequ_code, c.name AS chair_name
  FROM pianqu_meeting m
  JOIN area c ON c.code = m.chair_shequ_code
  WHERE m.pianqu_code = $1::text
    AND ($2::date IS NULL OR m.held_on >= $2::date)
    AND ($3::date IS NULL OR m.held_on <= $3::date)
),
uses AS (
  SELECT u.resource_code, u.shequ_code, count(*)::int AS sessions,
         sum(u.attendance)::int AS attendance
  FROM resource_use u
  JOIN shared_resource r ON r.code = u.resource_code
  WHERE r.pianqu_code = $1::text
    AND ($2::date IS NULL OR u.used_on >= $2::date)
    AND ($3::date IS NULL OR u.used_on <= $3::date)
  GROUP BY u.resource_code, u.shequ_code
),
resource_sessions AS (
  -- A course session is attended from several 社区 at once: count it once.
  SELECT u.resource_code, count(DISTINCT coalesce(u.activity_code, u.id::text))::int AS sessions
  FROM resource_use u
  JOIN shared_resource r ON r.code = u.resource_code
  WHERE r.pianqu_code = $1::text
    AND ($2::date IS NULL OR u.used_on >= $2::date)
    AND ($3::date IS NULL OR u.used_on <= $3::date)
  GROUP BY u.resource_code
),
flows AS (
  SELECT x.parent_code AS from_code, e.redeemed_shequ_code AS to_code, sum(e.points)::int AS points
  FROM credit_exchange e
  JOIN area x ON x.code = e.xiaoqu_code
  JOIN area s ON s.code = x.parent_code
  WHERE s.parent_code = $1::text
    AND ($2::date IS NULL OR e.month >= date_trunc('month', $2::date)::date)
    AND ($3::date IS NULL OR e.month <= $3::date)
  GROUP BY 1, 2
)
SELECT json_build_object(
  'meetings', (
    SELECT coalesce(json_agg(json_build_object(
      'month', to_char(month, 'YYYY-MM'),
      'heldOn', to_char(held_on, 'YYYY-MM-DD'),
      'chairCode', chair_shequ_code,
      'chairName', chair_name
    ) ORDER BY month DESC), '[]'::json)
    FROM meetings
  ),
  'agenda', (
    SELECT coalesce(json_agg(json_build_object(
      'code', i.code,
      'month', to_char(i.month, 'YYYY-MM'),
      'title', i.title,
      'ownerKind', i.owner_kind,
      'ownerCode', i.owner_code,
      'ownerName', i.owner_name,
      'status', i.status
    ) ORDER BY i.month DESC, i.code), '[]'::json)
    FROM agenda_item i
    JOIN meetings m ON m.month = i.month
    WHERE i.pianqu_code = $1::text
  ),
  'sharedResources', (
    SELECT coalesce(json_agg(json_build_object(
      'code', r.code,
      'kind', r.kind,
      'name', r.name,
      'hostCode', r.host_shequ_code,
      'hostName', h.name,
      'sessions', coalesce(rs.sessions, 0),
      'attendance', (SELECT coalesce(sum(u.attendance), 0) FROM uses u WHERE u.resource_code = r.code),
      'users', (
        SELECT coalesce(json_agg(json_build_object(
          'shequCode', u.shequ_code,
          'shequName', s.name,
          'sessions', u.sessions,
          'attendance', u.attendance
        ) ORDER BY u.shequ_code), '[]'::json)
        FROM uses u JOIN area s ON s.code = u.shequ_code
        WHERE u.resource_code = r.code
      )
    ) ORDER BY r.kind, r.code), '[]'::json)
    FROM shared_resource r
    JOIN area h ON h.code = r.host_shequ_code
    LEFT JOIN resource_sessions rs ON rs.resource_code = r.code
    WHERE r.pianqu_code = $1::text
  ),
  'creditExchanges', (
    SELECT coalesce(json_agg(json_build_object(
      'fromCode', f.from_code,
      'fromName', a.name,
      'toCode', f.to_code,
      'toName', b.name,
      'points', f.points
    ) ORDER BY f.from_code, f.to_code), '[]'::json)
    FROM flows f
    JOIN area a ON a.code = f.from_code
    JOIN area b ON b.code = f.to_code
  )
) AS parts
