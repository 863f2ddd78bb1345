/**
 * Partial replay (`rebuildSchema`): after an edit, replaying only the tables the changed statements change must give
 * exactly the model a full replay gives — every table, column, key, index, name (generated ones too), span and
 * statement record — or decline. Random edits, chained as the engine chains them (each schema the base of the next).
 * A whole-schema index of the new schema, updated from the old one's, must equal one built from scratch.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FileParser } from '../../server/src/core/parse/file';
import { buildSchema, findTable, rebuildSchema, type ReplayFile, type Schema } from '../../server/src/core/model/schema';
import { indexOf, type TableIndex } from '../../server/src/core/model/reads';
import type { Dialect } from '../../server/src/core/model/types';
import { initCore } from '../helpers/workspace';
import { rng } from '../helpers/random';

const CORPUS = join(__dirname, '..', '..', '..', 'shared', 'corpus');

/** Everything a rule can read of a schema, spans included, in order. */
function snapshot(s: Schema): string {
  return JSON.stringify(
    { tables: s.tables, views: s.views, enums: s.enums, database: s.database, inserts: s.inserts, statements: s.statements, latest: s.latestMigration, workload: s.workload },
    (_k, v) => (v instanceof Map ? [...v.entries()] : v instanceof Set ? [...v] : v),
  );
}

/**
 * A whole-schema index kept per table (updated, not rebuilt, after a partial replay): tables by column name, once per
 * column of that name or key constraint over it (several entries of one table), and by the tables their keys reference.
 */
const BY_COLUMN: TableIndex = {
  perTable: (schema, t, add) => {
    for (const c of t.columns) add(c.name);
    for (const k of t.constraints) {
      for (const c of k.columns) add(c);
      const to = k.references && findTable(schema, k.references.table);
      if (to) add('→' + to.key);
    }
  },
};

interface Case {
  dialect: Dialect;
  files: Record<string, string>;
  /** Paths replayed as migrations (in the given order, after the declarations). */
  migrations?: string[];
  /** The file edited. */
  edit: string;
  inserts: string[];
}

function fuzz(c: Case, seed: number, edits: number): { partial: number; full: number } {
  const rand = rng(seed);
  const parser = new FileParser();
  const texts = { ...c.files };
  const migrations = new Set(c.migrations ?? []);
  const replay = (): ReplayFile[] => {
    const order = [...Object.keys(texts).filter((p) => !migrations.has(p)).sort(), ...(c.migrations ?? [])];
    return order.map((p) => ({ path: p, isMigration: migrations.has(p), statements: parser.parse(p, texts[p], c.dialect).statements }));
  };
  let prev = buildSchema('/p', c.dialect, replay());
  let partial = 0;
  let full = 0;
  for (let i = 0; i < edits; i++) {
    const text = texts[c.edit];
    const at = Math.floor(rand() * text.length);
    const r = rand();
    texts[c.edit] = r < 0.7 ? text.slice(0, at) + c.inserts[Math.floor(rand() * c.inserts.length)] + text.slice(at) : text.slice(0, at) + text.slice(at + 1 + Math.floor(rand() * 3));
    const files = replay();
    indexOf(prev, BY_COLUMN);
    const got = rebuildSchema(prev, files);
    const want = buildSchema('/p', c.dialect, files);
    if (got) {
      partial++;
      // An index is read by key: the order its keys were added in does not matter, each key's list does.
      const a = snapshot(got) + JSON.stringify([...indexOf(got, BY_COLUMN)].sort());
      const b = snapshot(want) + JSON.stringify([...indexOf(want, BY_COLUMN)].sort());
      if (a !== b) {
        let k = 0;
        while (a[k] === b[k]) k++;
        assert.fail(`edit ${i} (seed ${seed}) at ${at}: the partial replay differs from a full one:\n got  …${a.slice(Math.max(0, k - 300), k + 200)}\n want …${b.slice(Math.max(0, k - 300), k + 200)}`);
      }
    } else full++;
    prev = got ?? want;
  }
  return { partial, full };
}

/** Tables with generated names (unnamed keys and indexes) that clash across tables as names are typed. */
function generated(n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    out.push(
      `CREATE TABLE t${i} (id bigint PRIMARY KEY, parent_id bigint REFERENCES t${Math.max(0, i - 1)} (id), code text UNIQUE, created_at timestamp);\n` +
        // Every sixth table takes the name the next one generates for its index: those two meet in the registry.
        `CREATE INDEX ON t${i} (parent_id);\n` +
        (i % 6 === 0 ? `CREATE INDEX t${i + 1}_parent_id_idx ON t${i} (created_at);\n` : '') +
        `ALTER TABLE t${i} ADD CONSTRAINT t${i}_code_key UNIQUE (code, id);\n`,
    );
  }
  return out.join('\n');
}

const PG_INSERTS = [' ', 'x', '_', '1', ';', '\n', 'CREATE INDEX ON t1 (code);\n', 'CREATE UNIQUE INDEX t2_pkey ON t3 (id);\n', 'ALTER TABLE t4 ADD COLUMN extra int;\n', 'ALTER TABLE t5 DROP CONSTRAINT t5_code_key;\n'];

test('a partial replay equals a full one after every random edit (PostgreSQL, generated and clashing names)', async () => {
  await initCore();
  let partial = 0;
  for (const seed of [1, 2, 3]) partial += fuzz({ dialect: 'postgresql', files: { '/p/schema.sql': generated(24) }, edit: '/p/schema.sql', inserts: PG_INSERTS }, seed, 120).partial;
  // Not a test of nothing: most edits must take the partial path.
  assert.ok(partial > 150, `only ${partial} of 360 edits replayed partially`);
});

test('a partial replay equals a full one after every random edit (MySQL: names per table, charsets, a database default)', async () => {
  await initCore();
  const tables = Array.from({ length: 16 }, (_, i) =>
    [
      `CREATE TABLE t${i} (id int unsigned NOT NULL AUTO_INCREMENT, name varchar(40) CHARACTER SET latin1, parent_id int unsigned, PRIMARY KEY (id), KEY (parent_id), UNIQUE KEY (name)) ENGINE=InnoDB DEFAULT CHARSET=utf8;`,
      `ALTER TABLE t${i} ADD CONSTRAINT FOREIGN KEY (parent_id) REFERENCES t${Math.max(0, i - 1)} (id), CONVERT TO CHARACTER SET utf8mb4;`,
      `CREATE INDEX idx_name ON t${i} (name(10));`,
    ].join('\n'),
  ).join('\n');
  const files = { '/p/a.sql': 'CREATE DATABASE shop CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;\n', '/p/schema.sql': tables };
  const inserts = [' ', 'x', '1', ';', '\n', 'ALTER TABLE t3 DEFAULT CHARSET=latin1;\n', 'ALTER TABLE t2 ADD KEY (parent_id, name);\n', 'ALTER TABLE t6 DROP INDEX name;\n'];
  let partial = 0;
  for (const seed of [4, 5]) partial += fuzz({ dialect: 'mysql', files, edit: '/p/schema.sql', inserts }, seed, 120).partial;
  assert.ok(partial > 80, `only ${partial} of 240 edits replayed partially`);
});

test('a partial replay equals a full one after every random edit (migrations: a table altered across files)', async () => {
  await initCore();
  const files: Record<string, string> = {};
  const migrations: string[] = [];
  for (let i = 0; i < 8; i++) {
    const p = `/p/migrations/00${i}_step.sql`;
    migrations.push(p);
    files[p] =
      `CREATE TABLE m${i} (id serial PRIMARY KEY, owner_id int, label varchar(20));\n` +
      `ALTER TABLE m${Math.max(0, i - 1)} ADD COLUMN note${i} text, ALTER COLUMN label TYPE text;\n` +
      `CREATE INDEX ON m${i} (owner_id);\nALTER TABLE m${i} ALTER COLUMN owner_id SET NOT NULL;\n`;
  }
  const inserts = [' ', 'x', ';', '\n', 'ALTER TABLE m2 DROP COLUMN note3;\n', 'ALTER TABLE m1 RENAME COLUMN label TO title;\n', 'CREATE INDEX ON m0 (label);\n'];
  const { partial } = fuzz({ dialect: 'postgresql', files, migrations, edit: migrations[4], inserts }, 6, 150);
  assert.ok(partial > 40, `only ${partial} of 150 edits replayed partially`);
});

test('a partial replay equals a full one after every random edit (a real dump)', { skip: existsSync(CORPUS) ? false : 'shared corpus not found: skipped' }, async () => {
  await initCore();
  const path = join(CORPUS, 'postgresql', 'lago-api', 'db', 'structure.sql');
  const { partial } = fuzz({ dialect: 'postgresql', files: { '/p/structure.sql': readFileSync(path, 'utf8') }, edit: '/p/structure.sql', inserts: [' ', 'x', '_', ';', '\n', '('] }, 7, 40);
  assert.ok(partial > 10, `only ${partial} of 40 edits replayed partially`);
});

test('a partial replay declines what it cannot show equal: a drop or rename anywhere, a new table, a changed view', async () => {
  await initCore();
  const parser = new FileParser();
  const base = 'CREATE TABLE a (id int PRIMARY KEY);\nCREATE TABLE b (id int PRIMARY KEY, a_id int);\nCREATE VIEW v AS SELECT id FROM a;\n';
  const build = (text: string) => buildSchema('/p', 'postgresql', [{ path: '/p/s.sql', isMigration: false, statements: parser.parse('/p/s.sql', text, 'postgresql').statements }]);
  const rebuild = (prev: Schema, text: string) => rebuildSchema(prev, [{ path: '/p/s.sql', isMigration: false, statements: parser.parse('/p/s.sql', text, 'postgresql').statements }]);
  let prev = build(base);
  const index = base + 'CREATE INDEX b_a ON b (a_id);\n';
  const s = rebuild(prev, index);
  assert.ok(s, 'an index added to an existing table replays that table only');
  assert.equal(s.tables.get('a'), prev.tables.get('a'), 'the other table is the same object');
  assert.notEqual(s.tables.get('b'), prev.tables.get('b'));
  prev = s;
  assert.equal(rebuild(prev, index + 'CREATE TABLE c (id int);\n'), undefined, 'a new table');
  assert.equal(rebuild(prev, index.replace('SELECT id', 'SELECT id, 1')), undefined, 'a changed view');
  const dropped = index + 'CREATE TABLE zz (id int);\nDROP TABLE zz;\n';
  prev = build(dropped);
  assert.equal(rebuild(prev, dropped + 'CREATE INDEX b_id ON b (id);\n'), undefined, 'a drop anywhere in the schema');
  // A drop that finds nothing before any table exists (the preamble of `pg_dump --clean`) changes nothing.
  const clean = 'DROP TABLE IF EXISTS public.b;\nDROP INDEX IF EXISTS public.b_a;\n' + index;
  prev = build(clean);
  assert.ok(rebuild(prev, clean + 'CREATE INDEX b_id ON b (id);\n'), 'a pg_dump --clean preamble');
  // Later, it looked for a name in the tables there were: one that takes or had that name is replayed in full.
  const late = index + 'DROP INDEX IF EXISTS b_c;\n';
  prev = build(late);
  assert.ok(rebuild(prev, late + 'CREATE INDEX b_d ON b (id);\n'));
  // Only the newest schema of a chain is a base (an analysis cancelled after its replay leaves an older one behind).
  assert.equal(rebuild(prev, late + 'CREATE INDEX b_e ON b (id);\n'), undefined, 'a base that is not the newest');
  prev = build(late);
  assert.equal(rebuild(prev, late + 'CREATE INDEX b_c ON b (id);\n'), undefined, 'an index name a DROP INDEX looked up');
  // Tables meet through a name when one asks about it and another takes it: not when both take it.
  const checks = 'CREATE TABLE a (n int, CONSTRAINT positive CHECK (n > 0));\nCREATE TABLE b (n int, CONSTRAINT positive CHECK (n > 0));\nCREATE TABLE c (a_n int);\n';
  prev = build(checks);
  assert.ok(rebuild(prev, checks + 'CREATE INDEX b_n ON b (n);\n'), 'a CHECK name two tables share');
  const generatedName = checks + 'CREATE INDEX c_a_n_idx ON a (n);\nCREATE INDEX ON c (a_n);\n';
  prev = build(generatedName);
  assert.equal(rebuild(prev, generatedName + 'CREATE INDEX a_x ON a (n);\n'), undefined, 'a table took the name another then generated (c_a_n_idx1)');

  // An unqualified name the partial replay cannot find by key: a full one resolves it among all tables of that name
  // (here two, so none), the partial one among its own (one).
  const replayed = (...texts: string[]): ReplayFile[] =>
    texts.map((text, i) => ({ path: `/p/migrations/${i + 1}.sql`, isMigration: true, statements: parser.parse(`/p/migrations/${i + 1}.sql`, text, 'postgresql').statements }));
  const migrations = (m2: string) => replayed('CREATE TABLE other.t (id int);\nCREATE TABLE x.t (id int);\n', m2, 'CREATE TABLE t (id int);\n');
  prev = buildSchema('/p', 'postgresql', migrations('ALTER TABLE other.t ADD COLUMN y int;\n'));
  const edited = migrations('CREATE INDEX i ON t (id);\nALTER TABLE other.t ADD COLUMN y int;\n');
  assert.equal(buildSchema('/p', 'postgresql', edited).tables.get('other.t')!.indexes.length, 0);
  assert.equal(rebuildSchema(prev, edited), undefined, 'a name found by its bare name');

  // A table created earlier than before: a statement that found no table then finds it now.
  const early = (m1: string) => replayed(m1, 'ALTER TABLE t ADD COLUMN a int;\nCREATE TABLE t (id int);\n');
  prev = buildSchema('/p', 'postgresql', early('SELECT 1;\n'));
  const created = early('CREATE TABLE t (id int);\n');
  assert.equal(buildSchema('/p', 'postgresql', created).tables.get('t')!.columns.length, 2);
  assert.equal(rebuildSchema(prev, created), undefined, 'a table created at another point of the replay');
});
