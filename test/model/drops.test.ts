/**
 * TRUNCATE and DROP SCHEMA/DATABASE: read in migration files only (TRUNCATE), replayed (TRUNCATE changes no schema,
 * DROP SCHEMA … CASCADE drops its tables), and the per-statement targets the migration rules read.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer } from '../../server/src/core/engine';
import { FileParser } from '../../server/src/core/parse/file';
import { analyze, initCore } from '../helpers/workspace';

function schemaOf(files: Record<string, string>) {
  const a = new Analyzer();
  analyze(files, {}, a);
  return a.lastSchemas()[0];
}

function kinds(text: string, dialect: 'postgresql' | 'mysql' | 'sqlite', mode: 'schema' | 'workload') {
  return new FileParser().parse('/x.sql', text, dialect, mode).statements.map((s) => s.facts.map((f) => f.kind).join(','));
}

test('TRUNCATE is read in migration files only; DROP SCHEMA / DATABASE everywhere', async () => {
  await initCore();
  assert.deepEqual(kinds('TRUNCATE a, s.b CASCADE; DROP SCHEMA s CASCADE;', 'postgresql', 'schema'), ['truncate', 'dropSchema']);
  assert.deepEqual(kinds('TRUNCATE a, s.b CASCADE; DROP SCHEMA s CASCADE;', 'postgresql', 'workload'), ['', 'dropSchema']);
  assert.deepEqual(kinds('TRUNCATE TABLE a; DROP DATABASE IF EXISTS `shop`; DROP SCHEMA x;', 'mysql', 'schema'), ['truncate', 'dropSchema', 'dropSchema']);
  assert.deepEqual(kinds('TRUNCATE TABLE a;', 'mysql', 'workload'), ['']);
  // SQLite has neither.
  assert.deepEqual(kinds('TRUNCATE a;', 'sqlite', 'schema'), ['']);
  const [st] = new FileParser().parse('/m.sql', 'DROP DATABASE IF EXISTS `shop`', 'mysql', 'schema').statements;
  assert.equal(st.status, 'parsed', 'a quoted database name is not a parse error');
  assert.deepEqual(st.facts[0], { kind: 'dropSchema', names: ['shop'], cascade: true, ifExists: true, span: { start: 0, end: 30 } });
});

test('replay: TRUNCATE changes no schema; DROP SCHEMA drops its tables only with CASCADE', async () => {
  await initCore();
  const s = schemaOf({
    '/p/migrations/001.sql': 'CREATE TABLE a (id int PRIMARY KEY); CREATE TABLE s.b (id int PRIMARY KEY); CREATE TABLE t.c (id int PRIMARY KEY);',
    '/p/migrations/002.sql': 'TRUNCATE a, s.b; DROP SCHEMA t; DROP SCHEMA s CASCADE;',
  });
  assert.deepEqual([...s.tables.keys()].sort(), ['a', 't.c']);
  const m = schemaOf({
    '/p/migrations/001.sql': '-- schemawise: dialect=mysql\nCREATE TABLE shop.a (id int PRIMARY KEY); CREATE TABLE b (id int PRIMARY KEY);',
    '/p/migrations/002.sql': '-- schemawise: dialect=mysql\nDROP DATABASE shop;',
  });
  // MySQL: only tables qualified with the database go (an unqualified one may live in any database).
  assert.deepEqual([...m.tables.keys()], ['b']);
});

test('statement targets: what a migration drops, empties or renames, and whether it existed before the file', async () => {
  await initCore();
  const s = schemaOf({
    '/p/migrations/001.sql': 'CREATE TABLE a (id int PRIMARY KEY, x int, y int); CREATE TABLE b (id int PRIMARY KEY);',
    '/p/migrations/002.sql': `CREATE TABLE n (id int PRIMARY KEY);
ALTER TABLE a ADD COLUMN z int;
ALTER TABLE a DROP COLUMN z, DROP COLUMN x;
ALTER TABLE a RENAME COLUMN y TO w;
DROP TABLE IF EXISTS ghost, n, b;
TRUNCATE a;`,
  });
  const got = s.statements
    .filter((r) => r.targets)
    .map((r) => r.targets!.map((t) => `${t.fact.kind}:${t.table.name}${t.column ? '.' + t.column : ''}:${t.existedBeforeFile}`).join(' '));
  assert.deepEqual(got, ['alterTable:a.z:false alterTable:a.x:true', 'alterTable:a.y:true', 'dropTable:n:false dropTable:b:true', 'truncate:a:true']);
  assert.equal(s.statements.find((r) => r.facts[0].kind === 'truncate')!.tableExistedBeforeFile, true);
});
