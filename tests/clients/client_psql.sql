-- Client matrix: psql. Run as: psql -X -q -t -A -v ON_ERROR_STOP=0 URL < client_psql.sql
-- (the driver compares the whole output with client_psql.expected). Parameters are
-- psql variables (:'v' quoting), the psql-15 way; errors print their SQLSTATE.
\set VERBOSITY sqlstate
\set unicode 'Zoë – 東京 🚀'
\set id 1
SELECT current_setting('server_version_num')::int / 10000 AS major;
DROP TABLE IF EXISTS matrix_psql;
CREATE TABLE matrix_psql (id integer PRIMARY KEY, name text NOT NULL, note text, amount numeric(10,2));
INSERT INTO matrix_psql VALUES (:id, :'unicode', NULL, 12.50), (2, 'plain', 'x', NULL);
SELECT name, note IS NULL AS note_null, amount FROM matrix_psql WHERE id = :id;
BEGIN;
INSERT INTO matrix_psql VALUES (3, 'three', NULL, 3);
UPDATE matrix_psql SET note = 'committed' WHERE id = 2;
COMMIT;
SELECT count(*) FROM matrix_psql;
BEGIN;
INSERT INTO matrix_psql VALUES (4, 'four', NULL, NULL);
DELETE FROM matrix_psql WHERE id = :id;
ROLLBACK;
SELECT count(*), max(note) FROM matrix_psql;
INSERT INTO matrix_psql VALUES (:id, 'dup', NULL, NULL);
\echo sqlstate :LAST_ERROR_SQLSTATE
BEGIN;
SELECT 1 / 0;
\echo sqlstate :LAST_ERROR_SQLSTATE
SELECT 1;
\echo sqlstate :LAST_ERROR_SQLSTATE
ROLLBACK;
SELECT length(:'unicode'), :'unicode', NULL::text IS NULL;
\pset null '(null)'
SELECT id, note FROM matrix_psql ORDER BY id;
DROP TABLE matrix_psql;
\echo ok psql
