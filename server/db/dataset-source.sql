-- Where the loaded data came from ('demo', 'import', …); pglite.ts notes it beside the folder.
SELECT source FROM dataset
