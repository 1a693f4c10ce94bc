// bench/pglite/bench.mjs — the in-process anchor of bench/run: PGlite (PostgreSQL
// compiled to WASM, in this Node process) for startup, a fresh database per test,
// 10,000 single-row inserts and 10,000 primary-key selects. With server URLs as
// arguments, the same inserts/selects also run through node-postgres against
// them (Nano and PostgreSQL 15 over the wire, same language, same client code).
//
// Usage: node bench.mjs [--clones N] [--ops N] [name=postgresql://... ...]
// Prints one JSON object on stdout. Never asserts on timings.
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
function option(name, fallback) {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}
const clones = option('--clones', 20);
const ops = option('--ops', 10000);
const servers = args.filter((a) => a.includes('=postgres'))
  .map((a) => [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]);

const now = () => Number(process.hrtime.bigint()) / 1e6;  // ms
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };

async function seed(db) {
  for (let t = 0; t < 10; t++) {
    await db.exec(`CREATE TABLE t${t} (id int PRIMARY KEY, name text NOT NULL, v int);
      INSERT INTO t${t} SELECT g, 'row ' || g, g * ${t + 1} FROM generate_series(1, 100) g;`);
  }
}

// Inserts then primary-key selects, one statement each, parameters bound.
async function insertSelect(query, exec) {
  await exec('DROP TABLE IF EXISTS kv');
  await exec('CREATE TABLE kv (id int PRIMARY KEY, v text NOT NULL)');
  let t0 = now();
  for (let i = 1; i <= ops; i++) await query('INSERT INTO kv (id, v) VALUES ($1, $2)', [i, 'v' + i]);
  const insertMs = now() - t0;
  t0 = now();
  for (let i = 1; i <= ops; i++) {
    const id = ((i * 7919) % ops) + 1;
    const r = await query('SELECT v FROM kv WHERE id = $1', [id]);
    if (r.rows.length !== 1) throw new Error('missing row ' + id);
  }
  const selectMs = now() - t0;
  await exec('DROP TABLE kv');
  return { insert_per_s: ops / (insertMs / 1000), select_per_s: ops / (selectMs / 1000) };
}

const pgliteVersion = JSON.parse(readFileSync(new URL(
  './node_modules/@electric-sql/pglite/package.json', import.meta.url))).version;
const out = { ops, clones, pglite_version: pgliteVersion, node_version: process.version };

// Startup: the first PGlite in this process (WASM compile + initdb-equivalent + SELECT 1).
let t0 = now();
const db = await PGlite.create();
await db.query('SELECT 1');
out.startup_ms = now() - t0;

// Fresh database per test: clone() of a seeded instance, first query, close.
await seed(db);
const cloneMs = [];
const closeMs = [];
for (let i = 0; i < clones; i++) {
  t0 = now();
  const c = await db.clone();
  await c.query('SELECT v FROM t3 WHERE id = 42');
  const t1 = now();
  await c.close();
  cloneMs.push(t1 - t0);
  closeMs.push(now() - t1);
}
out.clone_ms = median(cloneMs);
out.clone_close_ms = median(closeMs);

out.pglite = await insertSelect((sql, p) => db.query(sql, p), (sql) => db.exec(sql));
await db.close();

for (const [name, url] of servers) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  out[name] = await insertSelect((sql, p) => client.query(sql, p), (sql) => client.query(sql));
  await client.end();
}
process.stdout.write(JSON.stringify(out) + '\n');
