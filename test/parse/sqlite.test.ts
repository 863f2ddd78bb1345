import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseMysqlStatement } from '../../server/src/core/parse/mysql';
import { recoverStatement } from '../../server/src/core/parse/fallback';
import type { ColumnDef, Fact, Span, TableDef } from '../../server/src/core/model/types';
import { lowerFile, snapshotJson } from '../helpers/snapshot';

const PREFIX = '-- données « test » 漢字 🙂\n';

/** As the file layer does: node-sql-parser's verdict, then the token walk, or recovery when it rejects valid SQLite. */
function lower(sql: string) {
  const file = PREFIX + sql;
  const res = parseMysqlStatement(sql, PREFIX.length, 'sqlite');
  const facts = res.error ? recoverStatement(sql, PREFIX.length, 'sqlite') : res.facts;
  return { facts, error: res.error, status: res.error ? 'recovered' : 'parsed', at: (s: Span | undefined) => (s ? file.slice(s.start, s.end) : undefined) };
}

function table(sql: string) {
  const r = lower(sql);
  assert.equal(r.facts.length, 1, `facts of ${sql}`);
  const f = r.facts[0] as Extract<Fact, { kind: 'createTable' }>;
  assert.equal(f.kind, 'createTable');
  return { ...r, f, t: f.table };
}

function col(t: TableDef, name: string): ColumnDef {
  const c = t.columns.find((x) => x.name === name);
  assert.ok(c, `column ${name}`);
  return c;
}

test('trap: [brackets] are quoting; node-sql-parser gets them as "double quotes" and accepts', () => {
  const { t, at, status } = table('CREATE TABLE [main].[Album] ([AlbumId] INTEGER NOT NULL, [Title] TEXT NOT NULL, CONSTRAINT [PK_Album] PRIMARY KEY ([AlbumId]))');
  assert.equal(status, 'parsed');
  assert.deepEqual(t.name, { schema: 'main', name: 'Album' });
  assert.equal(at(t.origin.parts?.name), '[main].[Album]');
  assert.deepEqual(t.columns.map((c) => c.name), ['AlbumId', 'Title']);
  assert.equal(at(col(t, 'AlbumId').origin.parts?.name), '[AlbumId]');
  const pk = t.constraints[0];
  assert.deepEqual([pk.kind, pk.name, pk.columns], ['primary', 'PK_Album', ['AlbumId']]);
  assert.equal(at(pk.origin.span), 'CONSTRAINT [PK_Album] PRIMARY KEY ([AlbumId])');
  const idx = lower('CREATE INDEX [IFK_AlbumArtistId] ON [Album] ([ArtistId])');
  assert.equal(idx.status, 'parsed');
  const i = (idx.facts[0] as Extract<Fact, { kind: 'createIndex' }>).index;
  assert.deepEqual([i.name, i.table, i.keys[0].column], ['IFK_AlbumArtistId', { name: 'Album' }, 'ArtistId']);
});

test('trap: free type names (NVARCHAR, bool, UNSIGNED BIG INT, none at all) are rejected by node-sql-parser and recovered whole', () => {
  const { t, at, status, error } = table('CREATE TABLE t (a NVARCHAR(120) NOT NULL, b bool DEFAULT 0, c UNSIGNED BIG INT, d, e PRIMARY KEY)');
  assert.equal(status, 'recovered');
  assert.match(error ?? '', /node-sql-parser/);
  assert.deepEqual(
    t.columns.map((c) => [c.name, c.rawType, c.type.name, c.nullable]),
    [
      ['a', 'NVARCHAR(120)', 'varchar', false],
      ['b', 'bool', 'boolean', true],
      ['c', 'UNSIGNED BIG INT', 'bigint', true],
      ['d', '', '', true],
      ['e', '', '', false],
    ],
  );
  assert.equal(col(t, 'c').type.unsigned, true);
  assert.equal(at(col(t, 'c').origin.parts?.type), 'UNSIGNED BIG INT');
  assert.equal(col(t, 'd').origin.parts?.type, undefined);
  assert.equal(at(col(t, 'd').origin.span), 'd');
});

test('trap: DROP INDEX is rejected by node-sql-parser and recovered', () => {
  const r = lower('DROP INDEX IF EXISTS "main"."idx_a"');
  assert.equal(r.status, 'recovered');
  assert.deepEqual(r.facts, [{ kind: 'dropIndex', names: [{ schema: 'main', name: 'idx_a' }], ifExists: true, span: r.facts[0].span }]);
  assert.equal(r.at(r.facts[0].span), 'DROP INDEX IF EXISTS "main"."idx_a"');
});

test('INTEGER PRIMARY KEY is a rowid alias: autoIncrement only with AUTOINCREMENT', () => {
  const plain = table('CREATE TABLE t (id INTEGER PRIMARY KEY, n TEXT)').t;
  assert.equal(col(plain, 'id').autoIncrement, undefined);
  assert.equal(col(plain, 'id').nullable, false);
  const auto = table('CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, n TEXT)');
  assert.equal(col(auto.t, 'id').autoIncrement, 'autoincrement');
  const pk = auto.t.constraints[0];
  assert.equal(auto.at(pk.origin.span), 'PRIMARY KEY AUTOINCREMENT');
  assert.equal(auto.at(pk.origin.parts?.keyword), 'PRIMARY KEY');
  const desc = table('CREATE TABLE t (id INTEGER PRIMARY KEY DESC ON CONFLICT FAIL AUTOINCREMENT)').t;
  assert.equal(col(desc, 'id').autoIncrement, 'autoincrement');
  const tableLevel = table('CREATE TABLE t (id INTEGER NOT NULL, PRIMARY KEY (id AUTOINCREMENT))').t;
  assert.equal(col(tableLevel, 'id').autoIncrement, 'autoincrement');
  assert.deepEqual(tableLevel.constraints.map((k) => [k.kind, k.columns]), [['primary', ['id']]]);
});

test('WITHOUT ROWID, STRICT, table-level constraints with ON CONFLICT and deferrable FKs', () => {
  const { t, at } = table(
    'CREATE TABLE IF NOT EXISTS note_tags (note_id TEXT NOT NULL ON CONFLICT ABORT, tag TEXT COLLATE NOCASE,\n' +
      '  CONSTRAINT pk PRIMARY KEY (note_id, tag) ON CONFLICT REPLACE,\n' +
      '  UNIQUE (tag, note_id),\n' +
      '  FOREIGN KEY (note_id) REFERENCES notes (id) ON DELETE CASCADE ON UPDATE SET DEFAULT DEFERRABLE INITIALLY DEFERRED,\n' +
      '  CHECK (length(tag) > 0)\n) WITHOUT ROWID, STRICT',
  );
  assert.equal(t.withoutRowid, true);
  assert.equal(col(t, 'note_id').nullable, false);
  assert.equal(at(col(t, 'note_id').origin.parts?.nullability), 'NOT NULL');
  assert.equal(col(t, 'tag').collation, 'NOCASE');
  assert.deepEqual(
    t.constraints.map((k) => [k.kind, k.name, k.columns]),
    [
      ['primary', 'pk', ['note_id', 'tag']],
      ['unique', undefined, ['tag', 'note_id']],
      ['foreign', undefined, ['note_id']],
      ['check', undefined, []],
    ],
  );
  const fk = t.constraints[2];
  assert.deepEqual(fk.references, { table: { name: 'notes' }, columns: ['id'], onDelete: 'cascade', onUpdate: 'set default' });
  assert.equal(fk.deferrable, true);
  assert.equal(fk.initiallyDeferred, true);
  assert.equal(at(fk.origin.span), 'FOREIGN KEY (note_id) REFERENCES notes (id) ON DELETE CASCADE ON UPDATE SET DEFAULT DEFERRABLE INITIALLY DEFERRED');
  assert.equal(at(t.constraints[0].origin.span), 'CONSTRAINT pk PRIMARY KEY (note_id, tag) ON CONFLICT REPLACE');
  assert.equal(t.constraints[3].expression, 'length(tag) > 0');
});

test('inline REFERENCES, CHECK, DEFAULT (expr) and generated columns', () => {
  const { t, at } = table(
    "CREATE TABLE n (id INTEGER PRIMARY KEY, owner INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE, a INTEGER DEFAULT (strftime('%s','now')) CHECK (a > 0), w INT GENERATED ALWAYS AS (a * 2) STORED, v AS (a + 1))",
  );
  const fk = t.constraints.find((k) => k.kind === 'foreign')!;
  assert.deepEqual([fk.columns, fk.inline, fk.references?.table, fk.references?.onDelete], [['owner'], true, { name: 'users' }, 'cascade']);
  assert.equal(at(fk.origin.span), 'REFERENCES users(id) ON DELETE CASCADE');
  const a = col(t, 'a');
  assert.equal(a.default, "(strftime('%s','now'))");
  assert.equal(at(a.origin.parts?.default), "(strftime('%s','now'))");
  const chk = t.constraints.find((k) => k.kind === 'check')!;
  assert.deepEqual([chk.columns, chk.expression, at(chk.origin.span)], [['a'], 'a > 0', 'CHECK (a > 0)']);
  assert.deepEqual(col(t, 'w').generated, { expression: 'a * 2', stored: true });
  assert.deepEqual(col(t, 'v').generated, { expression: 'a + 1', stored: false });
});

test('CREATE VIRTUAL TABLE: virtual, module arguments that are names become columns, options do not', () => {
  const { t, at } = table("CREATE VIRTUAL TABLE IF NOT EXISTS notes_fts USING fts5(body, title UNINDEXED, tokenize = 'porter', content='notes')");
  assert.equal(t.virtual, true);
  assert.deepEqual(t.columns.map((c) => [c.name, c.rawType]), [['body', ''], ['title', '']]);
  assert.equal(at(col(t, 'title').origin.span), 'title UNINDEXED');
  assert.equal(at(t.origin.parts?.keyword), 'CREATE VIRTUAL TABLE');
});

test('CREATE INDEX: partial index WHERE, COLLATE, DESC, expression keys, schema-qualified name places the table', () => {
  const sql = 'CREATE UNIQUE INDEX IF NOT EXISTS main.uq ON notebooks (owner_id, title COLLATE NOCASE DESC, lower(name)) WHERE archived = 0';
  const r = lower(sql);
  const f = r.facts[0] as Extract<Fact, { kind: 'createIndex' }>;
  assert.equal(f.ifNotExists, true);
  const i = f.index;
  assert.deepEqual([i.name, i.table, i.unique, i.where], ['uq', { schema: 'main', name: 'notebooks' }, true, 'archived = 0']);
  assert.equal(r.at(i.origin.parts?.predicate), 'archived = 0');
  assert.equal(r.at(i.origin.parts?.name), 'main.uq');
  assert.deepEqual(
    i.keys.map((k) => [k.column, k.expression, k.collation, k.order, r.at(k.span)]),
    [
      ['owner_id', undefined, undefined, undefined, 'owner_id'],
      ['title', undefined, 'NOCASE', 'desc', 'title COLLATE NOCASE DESC'],
      [undefined, 'lower(name)', undefined, undefined, 'lower(name)'],
    ],
  );
});

test('ALTER TABLE: ADD [COLUMN], DROP COLUMN, RENAME [COLUMN] a TO b, RENAME TO', () => {
  const actions = (sql: string) => {
    const r = lower(sql);
    const f = r.facts[0] as Extract<Fact, { kind: 'alterTable' }>;
    return { ...r, f, a: f.actions };
  };
  const add = actions("ALTER TABLE t ADD c TEXT NOT NULL DEFAULT 'x' REFERENCES u(id)");
  const ac = add.a[0];
  assert.equal(ac.action, 'addColumn');
  if (ac.action === 'addColumn') {
    assert.deepEqual([ac.column.name, ac.column.nullable, ac.column.default], ['c', false, "'x'"]);
    assert.deepEqual(ac.constraints.map((k) => k.kind), ['foreign']);
  }
  assert.equal(add.at(add.f.nameSpan), 't');
  const ren = actions('ALTER TABLE t RENAME a TO b');
  assert.deepEqual(ren.a, [{ action: 'renameColumn', from: 'a', to: 'b', span: ren.a[0].action === 'renameColumn' ? ren.a[0].span : undefined }]);
  assert.equal(ren.a[0].action === 'renameColumn' && ren.at(ren.a[0].span), 'RENAME a TO b');
  assert.deepEqual(actions('ALTER TABLE t RENAME COLUMN "a b" TO c').a.map((x) => x.action === 'renameColumn' && [x.from, x.to]), [['a b', 'c']]);
  assert.deepEqual(actions('ALTER TABLE t RENAME TO t2').a.map((x) => x.action === 'renameTable' && x.to), [{ name: 't2' }]);
  assert.deepEqual(actions('ALTER TABLE t DROP COLUMN c').a.map((x) => x.action === 'dropColumn' && x.name), ['c']);
});

test('transactions: BEGIN [DEFERRED|IMMEDIATE|EXCLUSIVE] [TRANSACTION], COMMIT / END [TRANSACTION], ROLLBACK', () => {
  for (const [sql, control] of [
    ['BEGIN', 'begin'],
    ['BEGIN TRANSACTION', 'begin'],
    ['BEGIN IMMEDIATE TRANSACTION', 'begin'],
    ['COMMIT', 'commit'],
    ['END TRANSACTION', 'commit'],
    ['ROLLBACK', 'rollback'],
  ] as const) {
    assert.deepEqual(lower(sql).facts.map((f) => f.kind === 'transaction' && f.control), [control], sql);
  }
  assert.deepEqual(lower('ROLLBACK TO SAVEPOINT sp').facts, []);
});

test('DROP TABLE, CREATE VIEW, triggers give no schema facts', () => {
  const d = lower('DROP TABLE IF EXISTS [Album]');
  assert.equal(d.status, 'parsed');
  assert.deepEqual(d.facts.map((f) => f.kind === 'dropTable' && f.tables), [[{ name: 'Album' }]]);
  const v = lower('CREATE TEMP VIEW IF NOT EXISTS v AS SELECT 1');
  assert.deepEqual(v.facts.map((f) => f.kind === 'createView' && f.name), [{ name: 'v' }]);
  assert.deepEqual(lower('CREATE TRIGGER tr AFTER UPDATE ON t BEGIN UPDATE t SET a = 1; END').facts, []);
});

// ---------------------------------------------------------------------------------------------------------------
// snapshot



test('snapshot: fixtures/sqlite/notes.sql', () => {
  const dir = join(__dirname, 'fixtures/sqlite');
  const text = readFileSync(join(dir, 'notes.sql'), 'utf8');
  const actual = snapshotJson(text, lowerFile(text, 'sqlite'));
  const expectedPath = join(dir, 'notes.expected.json');
  if (process.env.UPDATE_SNAPSHOTS === '1') writeFileSync(expectedPath, actual);
  assert.equal(actual, readFileSync(expectedPath, 'utf8'));
});
