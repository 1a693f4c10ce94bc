// Client matrix: node-postgres (npm "pg", installed into tests/clients/node by
// scripts/bootstrap). Connect, DDL, parameterised DML, a transaction, a rollback,
// errors with their SQLSTATE, NULLs and unicode. DATABASE_URL names the server;
// exits 0 and prints "ok node-pg" when every check holds.
'use strict';
const assert = require('assert');
const { Client } = require('pg');

const UNICODE = 'Zoë – 東京 🚀';
const TABLE = 'matrix_node_pg';

async function expectError(client, sql, params, sqlstate) {
  try {
    await client.query(sql, params);
  } catch (err) {
    assert.strictEqual(err.code, sqlstate, `${sql}: ${err.message}`);
    return;
  }
  assert.fail(`${sql} succeeded; expected ${sqlstate}`);
}

async function count(client) {
  const res = await client.query(`SELECT count(*)::int AS n FROM ${TABLE}`);
  return res.rows[0].n;
}

async function main() {
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const version = await client.query('SHOW server_version');
    assert.match(version.rows[0].server_version, /^15\./);
    await client.query(`DROP TABLE IF EXISTS ${TABLE}`);
    await client.query(`CREATE TABLE ${TABLE} (id integer PRIMARY KEY, name text NOT NULL, note text, amount numeric(10,2))`);
    const insert = `INSERT INTO ${TABLE} (id, name, note, amount) VALUES ($1, $2, $3, $4)`;
    const r1 = await client.query(insert, [1, UNICODE, null, '12.50']);
    assert.strictEqual(r1.rowCount, 1);
    assert.strictEqual(r1.command, 'INSERT');
    await client.query(insert, [2, 'plain', 'x', null]);
    const sel = await client.query(`SELECT name, note, amount FROM ${TABLE} WHERE id = $1`, [1]);
    assert.deepStrictEqual(sel.rows, [{ name: UNICODE, note: null, amount: '12.50' }]);
    assert.deepStrictEqual(sel.fields.map((f) => f.name), ['name', 'note', 'amount']);

    await client.query('BEGIN');
    await client.query(insert, [3, 'three', null, '3']);
    await client.query(`UPDATE ${TABLE} SET note = $1 WHERE id = $2`, ['committed', 2]);
    await client.query('COMMIT');
    assert.strictEqual(await count(client), 3);

    await client.query('BEGIN');
    await client.query(insert, [4, 'four', null, null]);
    await client.query(`DELETE FROM ${TABLE} WHERE id = $1`, [1]);
    await client.query('ROLLBACK');
    assert.strictEqual(await count(client), 3);

    await expectError(client, insert, [1, 'dup', null, null], '23505');
    await expectError(client, 'SELECT 1 / $1::int', [0], '22012');
    await client.query('BEGIN');
    await expectError(client, 'SELECT 1 / $1::int', [0], '22012');
    await expectError(client, 'SELECT 1', [], '25P02');
    await client.query('ROLLBACK');

    const echo = await client.query('SELECT $1::text IS NULL AS isnull, $2::text AS u, length($2::text) AS n', [null, UNICODE]);
    assert.deepStrictEqual(echo.rows[0], { isnull: true, u: UNICODE, n: 10 });
    await client.query(`DROP TABLE ${TABLE}`);
  } finally {
    await client.end();
  }
  console.log('ok node-pg');
}

main().catch((err) => {
  console.error('node-pg client:', err && err.stack ? err.stack : err);
  process.exit(1);
});
