-- name: searchable
SELECT level AS kind, code, name FROM area WHERE level IN ('pianqu', 'shequ', 'xiaoqu')
UNION ALL
SELECT 'site', code, name FROM site

-- name: clearKeys
DELETE FROM search_key

-- name: insertKeys
INSERT INTO search_key (kind, code, name, initials, pinyin, variant)
SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[])
