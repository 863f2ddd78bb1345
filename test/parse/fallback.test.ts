import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { recoverStatement } from '../../server/src/core/parse/fallback';
import type { AlterAction, Dialect, Fact, Span, TableDef } from '../../server/src/core/model/types';

const PREFIX = '/* brouillon — 草稿 ✍️ */\n';

function recover(sql: string, dialect: Dialect) {
  const file = PREFIX + sql;
  const facts = recoverStatement(sql, PREFIX.length, dialect);
  return { facts, at: (s: Span | undefined) => (s ? file.slice(s.start, s.end) : undefined) };
}

function table(sql: string, dialect: Dialect): { t: TableDef; at: (s: Span | undefined) => string | undefined } {
  const r = recover(sql, dialect);
  assert.equal(r.facts.length, 1, `facts of ${sql}`);
  const f = r.facts[0] as Extract<Fact, { kind: 'createTable' }>;
  assert.equal(f.kind, 'createTable');
  return { t: f.table, at: r.at };
}

function actions(sql: string, dialect: Dialect): { a: AlterAction[]; at: (s: Span | undefined) => string | undefined } {
  const r = recover(sql, dialect);
  assert.equal(r.facts.length, 1, `facts of ${sql}`);
  const f = r.facts[0] as Extract<Fact, { kind: 'alterTable' }>;
  assert.equal(f.kind, 'alterTable');
  return { a: f.actions, at: r.at };
}

test('PG while typing: the complete columns of a table whose `)` is missing, the cut-off one dropped', () => {
  const { t, at } = table('CREATE TABLE t (id bigint primary key, name text, created_at timest', 'postgresql');
  assert.deepEqual(t.columns.map((c) => [c.name, c.rawType, c.nullable]), [['id', 'bigint', false], ['name', 'text', true]]);
  assert.deepEqual(t.constraints.map((k) => [k.kind, k.columns, k.inline]), [['primary', ['id'], true]]);
  assert.equal(at(t.columns[0].origin.span), 'id bigint primary key');
  assert.equal(at(t.columns[1].origin.parts?.type), 'text');
  assert.equal(at(t.origin.parts?.name), 't');
});

test('a last element without its `,` or `)` is dropped even when it looks complete', () => {
  const { t } = table('CREATE TABLE t (a int, b int', 'mysql');
  assert.deepEqual(t.columns.map((c) => c.name), ['a']);
  assert.deepEqual(recover('CREATE TABLE t (', 'postgresql').facts, []);
  assert.deepEqual(recover('CREATE TABLE t (a int', 'sqlite').facts, []);
  assert.deepEqual(recover('CREATE TABLE users', 'mysql').facts, []);
});

test('an element with a token the walk cannot place is dropped, the rest of the table kept', () => {
  const { t } = table('CREATE TABLE t (id bigint primary ke, name text NOT NUL, note text, CONSTRAINT fk FOREIGN KEY (x) REFERENCS u(id), PRIMARY KEY (note))', 'postgresql');
  assert.deepEqual(t.columns.map((c) => c.name), ['note']);
  assert.deepEqual(t.constraints.map((k) => [k.kind, k.columns]), [['primary', ['note']]]);
});

test('an unterminated string or comment drops its element', () => {
  assert.deepEqual(recover("CREATE TABLE t (a text DEFAULT 'x", 'postgresql').facts, []);
  const { t } = table("CREATE TABLE t (a int, b text DEFAULT 'it''s", 'mysql');
  assert.deepEqual(t.columns.map((c) => c.name), ['a']);
});

test('PG column syntax: identity, serial, quoted enum types, arrays, COLLATE "C", casts in defaults, table constraints', () => {
  const { t, at } = table(
    'CREATE TABLE public.users (\n' +
      '  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n' +
      '  n serial,\n' +
      '  email text COLLATE "C" NOT NULL UNIQUE,\n' +
      '  label character varying(255) COLLATE pg_catalog."default",\n' +
      '  status "Status" NOT NULL DEFAULT \'active\'::"Status",\n' +
      "  tags text[] DEFAULT '{}'::text[],\n" +
      '  created_at timestamp(3) with time zone DEFAULT now() NOT NULL,\n' +
      '  org_id uuid REFERENCES orgs(id) ON DELETE SET NULL,\n' +
      '  CONSTRAINT users_email_key UNIQUE NULLS NOT DISTINCT (email),\n' +
      '  CONSTRAINT users_org_fk FOREIGN KEY (org_id) REFERENCES orgs (id) DEFERRABLE INITIALLY DEFERRED\n' +
      ') PARTITION BY RANGE (created_at)',
    'postgresql',
  );
  assert.deepEqual(t.name, { schema: 'public', name: 'users' });
  assert.equal(t.partitioned, true);
  const c = (n: string) => t.columns.find((x) => x.name === n)!;
  assert.deepEqual([c('id').autoIncrement, c('id').nullable], ['identity', false]);
  assert.deepEqual([c('n').autoIncrement, c('n').type.name], ['serial', 'integer']);
  assert.equal(c('email').collation, 'C');
  assert.deepEqual([c('label').collation, c('label').type], ['pg_catalog.default', { name: 'varchar', length: 255 }]);
  assert.deepEqual([c('status').rawType, c('status').default], ['"Status"', '\'active\'::"Status"']);
  assert.deepEqual([c('tags').rawType, c('tags').type.array], ['text[]', 1]);
  assert.equal(c('created_at').type.name, 'timestamptz');
  assert.equal(at(c('created_at').origin.parts?.type), 'timestamp(3) with time zone');
  assert.equal(at(c('created_at').origin.parts?.default), 'now()');
  const fk = t.constraints.find((k) => k.name === 'users_org_fk')!;
  assert.deepEqual([fk.deferrable, fk.initiallyDeferred], [true, true]);
  assert.deepEqual(
    t.constraints.map((k) => [k.kind, k.name, k.columns, k.inline ?? false]),
    [
      ['primary', undefined, ['id'], true],
      ['unique', undefined, ['email'], true],
      ['foreign', undefined, ['org_id'], true],
      ['unique', 'users_email_key', ['email'], false],
      ['foreign', 'users_org_fk', ['org_id'], false],
    ],
  );
});

test('CREATE [UNIQUE] INDEX: complete key lists only', () => {
  const r = recover('CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS i ON ONLY public.t USING gin (lower(email) text_pattern_ops, b DESC NULLS LAST) INCLUDE (c) WHERE deleted_at IS NULL', 'postgresql');
  const f = r.facts[0] as Extract<Fact, { kind: 'createIndex' }>;
  const i = f.index;
  assert.deepEqual([i.name, i.table, i.unique, i.method, i.concurrently, i.include, i.where], ['i', { schema: 'public', name: 't' }, true, 'gin', true, ['c'], 'deleted_at IS NULL']);
  assert.deepEqual(
    i.keys.map((k) => [k.column, k.expression, k.opclass, k.order, k.nulls, r.at(k.span)]),
    [
      [undefined, 'lower(email)', 'text_pattern_ops', undefined, undefined, 'lower(email) text_pattern_ops'],
      ['b', undefined, undefined, 'desc', 'last', 'b DESC NULLS LAST'],
    ],
  );
  assert.deepEqual(recover('CREATE INDEX i ON t (a, ', 'postgresql').facts, []);
  assert.deepEqual(recover('CREATE INDEX i ON t', 'mysql').facts, []);
  assert.deepEqual(recover('CREATE INDEX i ON t (a) WHERE', 'sqlite').facts, []);
  const plain = recover('CREATE INDEX ON t (a)', 'postgresql').facts[0] as Extract<Fact, { kind: 'createIndex' }>;
  assert.deepEqual([plain.index.name, plain.index.keys.map((k) => k.column)], [undefined, ['a']]);
});

test('ALTER TABLE (PG): ADD/DROP/RENAME COLUMN, ADD/DROP CONSTRAINT kept; other actions dropped', () => {
  const { a, at } = actions(
    'ALTER TABLE ONLY public.t ADD CONSTRAINT fk FOREIGN KEY (a) REFERENCES b(id) NOT VALID, ALTER COLUMN x TYPE int, ADD COLUMN y int NOT NULL, DROP CONSTRAINT IF EXISTS c2 CASCADE, DROP COLUMN z, RENAME COLUMN p TO q, ALTER COLUMN w SET DEFAULT 1',
    'postgresql',
  );
  assert.deepEqual(
    a.map((x) => x.action),
    ['addConstraint', 'addColumn', 'dropConstraint', 'dropColumn', 'renameColumn'],
  );
  const fk = (a[0] as Extract<AlterAction, { action: 'addConstraint' }>).constraint;
  assert.deepEqual([fk.kind, fk.name, fk.notValid, fk.references?.table], ['foreign', 'fk', true, { name: 'b' }]);
  assert.equal(at(fk.origin.span), 'CONSTRAINT fk FOREIGN KEY (a) REFERENCES b(id) NOT VALID');
  assert.equal(at((a[2] as Extract<AlterAction, { action: 'dropConstraint' }>).span), 'DROP CONSTRAINT IF EXISTS c2 CASCADE');
  assert.deepEqual(recover('ALTER TABLE t ALTER COLUMN x TYPE int', 'postgresql').facts, []);
  assert.deepEqual(recover('ALTER TABLE t ADD COLUMN', 'postgresql').facts, []);
});

test('ALTER TABLE (MySQL): a half-typed action is dropped, the complete ones kept', () => {
  const { a } = actions('ALTER TABLE t ADD COLUMN a int NOT NULL, DROP INDEX i, MODIFY b varchar(10) NOT NUL', 'mysql');
  assert.deepEqual(a.map((x) => x.action), ['addColumn', 'dropIndex']);
});

test('MySQL and SQLite: valid syntax node-sql-parser rejects comes back whole', () => {
  const { t } = table('CREATE TABLE `Track` (`TrackId` INT NOT NULL, `Name` NVARCHAR(200) NOT NULL, `used` bool NOT NULL DEFAULT false, CONSTRAINT `PK_Track` PRIMARY KEY (`TrackId`))', 'mysql');
  assert.deepEqual(t.columns.map((c) => [c.name, c.rawType]), [['TrackId', 'INT'], ['Name', 'NVARCHAR(200)'], ['used', 'bool']]);
  assert.deepEqual(t.constraints.map((k) => [k.kind, k.name]), [['primary', 'PK_Track']]);
  const m = actions('ALTER TABLE identity_credential_identifiers MODIFY COLUMN identifier VARCHAR(255) BINARY', 'mysql').a;
  assert.deepEqual(m.map((x) => x.action === 'modifyColumn' && [x.from, x.column.rawType]), [['identifier', 'VARCHAR(255)']]);
  const d = recover('DROP INDEX IF EXISTS "identity_recovery_addresses_code_idx"', 'sqlite').facts;
  assert.deepEqual(d.map((f) => f.kind === 'dropIndex' && f.names), [[{ name: 'identity_recovery_addresses_code_idx' }]]);
});

test('nothing from statements that are not schema DDL, or are garbage', () => {
  for (const d of ['postgresql', 'mysql', 'sqlite'] as Dialect[]) {
    for (const sql of ['', ';', 'SELECT 1', 'INSERT INTO t VALUES (1)', 'CREATE', 'CREATE TABLE', 'ALTER TABLE t', ')))(((', 'CREATE TABLE t (id bigint primary ke)']) {
      assert.deepEqual(recover(sql, d).facts, [], `${d}: ${sql}`);
    }
  }
  assert.deepEqual(recover('CREATE VIEW v AS SELECT 1', 'postgresql').facts, []); // outside the PG recovery scope
});

test('never throws, on every prefix of realistic statements, in every dialect', () => {
  const mysql = readFileSync(join(__dirname, 'fixtures/mysql/shop.sql'), 'utf8');
  const sqlite = readFileSync(join(__dirname, 'fixtures/sqlite/notes.sql'), 'utf8');
  const pg =
    'CREATE TABLE public.orders (id bigint GENERATED BY DEFAULT AS IDENTITY (START WITH 10), "customer" uuid NOT NULL REFERENCES customers (id) ON DELETE CASCADE, total numeric(12,2) DEFAULT 0 CHECK (total >= 0), CONSTRAINT orders_pk PRIMARY KEY (id) INCLUDE (total)) PARTITION BY HASH (id);\n' +
    "CREATE INDEX CONCURRENTLY orders_idx ON orders USING btree ((lower(customer::text)) DESC NULLS LAST) WHERE total > 0;\n" +
    'ALTER TABLE orders ADD COLUMN note text COLLATE "C", DROP CONSTRAINT x, RENAME COLUMN a TO b;';
  for (const [text, d] of [
    [mysql, 'mysql'],
    [sqlite, 'sqlite'],
    [pg, 'postgresql'],
  ] as [string, Dialect][]) {
    for (const stmt of text.split(';')) {
      for (let i = 0; i <= stmt.length; i += 2) {
        const facts = recoverStatement(stmt.slice(0, i), 100, d);
        assert.ok(Array.isArray(facts));
        for (const f of facts) assert.ok(f.span.start >= 100 && f.span.end <= 100 + i, 'spans stay inside the statement');
      }
    }
  }
});

test('linear-ish: a 20 000-column table recovers in well under a second', () => {
  const cols = Array.from({ length: 20000 }, (_, i) => `c${i} varchar(${i % 200 + 1}) NOT NULL DEFAULT 'x' REFERENCES other${i} (id)`).join(',\n');
  const sql = `CREATE TABLE big (${cols}`; // no closing paren: the last column is dropped
  const t0 = performance.now();
  const facts = recoverStatement(sql, 0, 'postgresql');
  const ms = performance.now() - t0;
  const t = (facts[0] as Extract<Fact, { kind: 'createTable' }>).table;
  assert.equal(t.columns.length, 19999);
  assert.ok(ms < 1500, `took ${ms} ms`);
});
