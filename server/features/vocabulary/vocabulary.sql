-- Every list of the vocabulary, each term in its order (the view of migration 016).
SELECT kind, key, zh, en, to_json(synonyms) AS synonyms
FROM vocabulary
ORDER BY kind, position, key;
