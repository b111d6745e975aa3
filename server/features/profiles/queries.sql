-- name: childCodes
SELECT code FROM area WHERE parent_code = $1 ORDER BY code

-- name: childCompoundTypes
SELECT code, compound_type FROM area WHERE parent_code = $1
