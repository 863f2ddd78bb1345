import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSync } from 'libpg-query';
import { initPostgres, parsePostgresStatement } from '../../server/src/core/parse/postgres';
import { offsetMap } from '../../server/src/core/parse/offsets';
import type { ConstraintDef, Fact, Span, TableDef } from '../../server/src/core/model/types';

before(async () => {
  await initPostgres();
});

/** Lowers `sql` placed at `prefix.length` in a file `prefix + sql`; returns the facts and a span → text helper. */
function lower(sql: string, prefix = '') {
  const file = prefix + sql;
  const r = parsePostgresStatement(sql, prefix.length);
  assert.equal(r.error, undefined, r.error);
  const at = (span: Span | undefined): string => {
    assert.ok(span, 'span is set');
    return file.slice(span.start, span.end);
  };
  return { facts: r.facts, at, file };
}

function one<K extends Fact['kind']>(facts: Fact[], kind: K): Extract<Fact, { kind: K }> {
  assert.equal(facts.length, 1, JSON.stringify(facts));
  assert.equal(facts[0].kind, kind);
  return facts[0] as Extract<Fact, { kind: K }>;
}

function table(facts: Fact[]): TableDef {
  return one(facts, 'createTable').table;
}

function col(t: TableDef, name: string) {
  const c = t.columns.find((x) => x.name === name);
  assert.ok(c, `column ${name}`);
  return c;
}

describe('offsetMap', () => {
  test('ASCII is the identity', () => {
    const m = offsetMap('select 1');
    assert.equal(m.ascii, true);
    assert.equal(m.toUtf16(3), 3);
    assert.equal(m.toUtf8(3), 3);
    assert.equal(m.toUtf16(99), 8);
  });
  test('2-, 3- and 4-byte characters', () => {
    const text = 'aé☕😀b';
    const m = offsetMap(text);
    assert.equal(m.ascii, false);
    assert.equal(m.byteLength, Buffer.byteLength(text, 'utf8'));
    // byte offsets of each character start
    const starts = [0, 1, 3, 6, 10, 11];
    const u16 = [0, 1, 2, 3, 5, 6];
    starts.forEach((b, i) => {
      assert.equal(m.toUtf16(b), u16[i], `byte ${b}`);
      assert.equal(m.toUtf8(u16[i]), b, `u16 ${u16[i]}`);
    });
    assert.equal(m.toUtf16(2), 1, 'inside é → its start');
    assert.equal(m.toUtf16(8), 3, 'inside 😀 → its start');
    assert.equal(m.toUtf8(4), 6, 'between surrogate halves → pair start');
  });
  test('agrees with Buffer on random text', () => {
    const alphabet = ['a', 'é', '☕', '😀', '\n', 'ß', '中'];
    let text = '';
    for (let i = 0; i < 500; i++) text += alphabet[(i * 7919) % alphabet.length];
    const m = offsetMap(text);
    for (let i = 0; i <= text.length; i++) {
      if (i > 0 && text.charCodeAt(i - 1) >= 0xd800 && text.charCodeAt(i - 1) <= 0xdbff) continue;
      const b = Buffer.byteLength(text.slice(0, i), 'utf8');
      assert.equal(m.toUtf8(i), b);
      assert.equal(m.toUtf16(b), i);
    }
  });
});

describe('parsePostgresStatement: basics', () => {
  test('parse errors are returned, never thrown', () => {
    const r = parsePostgresStatement('CREATE TABL x (a int)', 0);
    assert.deepEqual(r.facts, []);
    assert.match(r.error ?? '', /syntax error/);
  });
  test('empty and comment-only text gives nothing', () => {
    assert.deepEqual(parsePostgresStatement('', 0), { facts: [] });
    assert.deepEqual(parsePostgresStatement('  \n ', 10), { facts: [] });
    assert.deepEqual(parsePostgresStatement('-- nothing here', 0), { facts: [] });
  });
  test('statements that are not lowered give no facts and no error', () => {
    for (const sql of [
      'SELECT 1',
      "INSERT INTO t VALUES (1, 'x')",
      'CREATE FUNCTION f() RETURNS int AS $$ SELECT 1 $$ LANGUAGE sql',
      'CREATE TABLE t2 AS SELECT 1 AS a',
      'CREATE DATABASE shop',
      'ALTER TABLE t OWNER TO bob',
      'CREATE SEQUENCE s',
      'SAVEPOINT sp',
      'COMMENT ON TABLE t IS $$x$$',
    ]) {
      assert.deepEqual(parsePostgresStatement(sql, 0), { facts: [] }, sql);
    }
  });
  test('several statements in one text are all lowered, with their own spans', () => {
    const { facts, at } = lower('CREATE TABLE a (x int); CREATE INDEX ON a (x) ;\nDROP TABLE b');
    assert.deepEqual(
      facts.map((f) => [f.kind, at(f.span)]),
      [
        ['createTable', 'CREATE TABLE a (x int)'],
        ['createIndex', 'CREATE INDEX ON a (x)'],
        ['dropTable', 'DROP TABLE b'],
      ],
    );
  });
  test('spans are file offsets (base added) and skip leading comments', () => {
    const { facts, at } = lower('/* lead */ -- more\n  CREATE TABLE t (a int)', 'SELECT 1;\n');
    const t = one(facts, 'createTable');
    assert.equal(at(t.span), 'CREATE TABLE t (a int)');
    assert.equal(t.span.start, 'SELECT 1;\n/* lead */ -- more\n  '.length);
    assert.equal(t.table.origin.file, '');
  });
});

describe('CREATE TABLE', () => {
  test('columns, types and exact spans after non-ASCII text', () => {
    const sql = [
      '-- café ☕ 😀',
      'CREATE TABLE IF NOT EXISTS public."naïve" (',
      '  id serial,',
      '  "Ünïcode" character varying(255)[] NOT NULL DEFAULT \'é\',',
      '  price numeric( 12 , 2 ) NULL,',
      '  at timestamp(3) with time zone DEFAULT now() NOT NULL,',
      '  d double precision COLLATE "C" NOT NULL,',
      '  big int8',
      ')',
    ].join('\n');
    const { facts, at } = lower(sql, 'x😀é;\n');
    const f = one(facts, 'createTable');
    assert.equal(f.ifNotExists, true);
    const t = f.table;
    assert.deepEqual(t.name, { name: 'naïve' });
    assert.equal(at(t.origin.parts?.name), 'public."naïve"');
    assert.equal(at(t.origin.parts?.keyword), 'CREATE TABLE');
    assert.equal(at(t.origin.span), sql.slice(sql.indexOf('CREATE')));
    assert.deepEqual(
      t.columns.map((c) => [c.name, c.rawType, c.type, c.nullable]),
      [
        ['id', 'serial', { name: 'integer' }, false],
        ['Ünïcode', 'character varying(255)[]', { name: 'varchar', length: 255, array: 1 }, false],
        ['price', 'numeric( 12 , 2 )', { name: 'numeric', precision: 12, scale: 2 }, true],
        ['at', 'timestamp(3) with time zone', { name: 'timestamptz', precision: 3 }, false],
        ['d', 'double precision', { name: 'double precision' }, false],
        ['big', 'int8', { name: 'bigint' }, true],
      ],
    );
    assert.equal(col(t, 'id').autoIncrement, 'serial');
    const u = col(t, 'Ünïcode');
    assert.equal(at(u.origin.span), '"Ünïcode" character varying(255)[] NOT NULL DEFAULT \'é\'');
    assert.equal(at(u.origin.parts?.name), '"Ünïcode"');
    assert.equal(at(u.origin.parts?.type), 'character varying(255)[]');
    assert.equal(at(u.origin.parts?.nullability), 'NOT NULL');
    assert.equal(at(u.origin.parts?.default), "'é'");
    assert.equal(u.default, "'é'");
    assert.equal(at(col(t, 'price').origin.parts?.nullability), 'NULL');
    const ts = col(t, 'at');
    assert.equal(ts.default, 'now()');
    assert.equal(at(ts.origin.parts?.type), 'timestamp(3) with time zone');
    const d = col(t, 'd');
    assert.equal(d.collation, 'C');
    assert.equal(at(d.origin.parts?.type), 'double precision');
    assert.equal(at(col(t, 'big').origin.span), 'big int8');
  });

  test('identity, generated, and schema-qualified / quoted names', () => {
    const { facts, at } = lower(
      'CREATE TABLE "Billing"."Invoice" (a int GENERATED ALWAYS AS IDENTITY, b bigint GENERATED BY DEFAULT AS IDENTITY (START WITH 10), c int GENERATED ALWAYS AS (a * 2) STORED)',
    );
    const t = table(facts);
    assert.deepEqual(t.name, { schema: 'Billing', name: 'Invoice' });
    assert.equal(at(t.origin.parts?.name), '"Billing"."Invoice"');
    assert.equal(col(t, 'a').autoIncrement, 'identity');
    assert.equal(col(t, 'a').nullable, false);
    assert.equal(col(t, 'b').autoIncrement, 'identity');
    assert.equal(at(col(t, 'b').origin.span), 'b bigint GENERATED BY DEFAULT AS IDENTITY (START WITH 10)');
    assert.deepEqual(col(t, 'c').generated, { expression: 'a * 2', stored: true });
    assert.equal(col(t, 'c').autoIncrement, undefined);
  });

  test('inline constraints', () => {
    const sql =
      'CREATE TABLE t (id int PRIMARY KEY, e text CONSTRAINT e_key UNIQUE NOT NULL, ' +
      "o int CONSTRAINT o_fk REFERENCES s.other (id) ON DELETE CASCADE ON UPDATE NO ACTION DEFERRABLE INITIALLY DEFERRED, " +
      'p int REFERENCES public.parent, q int CHECK (q > 0) NO INHERIT)';
    const { facts, at } = lower(sql, '— ');
    const t = table(facts);
    assert.equal(col(t, 'id').nullable, false);
    assert.equal(col(t, 'e').nullable, false);
    const [pk, uq, fk, fk2, ck] = t.constraints;
    const brief = (c: ConstraintDef) => ({ kind: c.kind, name: c.name, columns: c.columns, inline: c.inline, span: at(c.origin.span) });
    assert.deepEqual(brief(pk), { kind: 'primary', name: undefined, columns: ['id'], inline: true, span: 'PRIMARY KEY' });
    assert.deepEqual(brief(uq), { kind: 'unique', name: 'e_key', columns: ['e'], inline: true, span: 'CONSTRAINT e_key UNIQUE' });
    assert.equal(at(uq.origin.parts?.name), 'e_key');
    assert.equal(at(uq.origin.parts?.keyword), 'UNIQUE');
    assert.deepEqual(brief(fk), {
      kind: 'foreign',
      name: 'o_fk',
      columns: ['o'],
      inline: true,
      span: 'CONSTRAINT o_fk REFERENCES s.other (id) ON DELETE CASCADE ON UPDATE NO ACTION DEFERRABLE INITIALLY DEFERRED',
    });
    assert.deepEqual(fk.references, { table: { schema: 's', name: 'other' }, columns: ['id'], onDelete: 'cascade', onUpdate: 'no action' });
    assert.equal(fk.deferrable, true);
    assert.equal(fk.initiallyDeferred, true);
    assert.equal(at(fk.origin.parts?.references), 's.other (id)');
    assert.equal(at(fk.origin.parts?.columns), 'o');
    assert.deepEqual(fk.columnSpans?.map(at), ['o']);
    assert.deepEqual(fk2.references, { table: { name: 'parent' }, columns: [] });
    assert.equal(at(fk2.origin.parts?.references), 'public.parent');
    assert.deepEqual(brief(ck), { kind: 'check', name: undefined, columns: ['q'], inline: true, span: 'CHECK (q > 0) NO INHERIT' });
    assert.equal(ck.expression, 'q > 0');
  });

  test('table constraints', () => {
    const sql = [
      'CREATE TABLE t (',
      '  a int, b int, "C" int,',
      '  CONSTRAINT t_pk PRIMARY KEY (a, b) INCLUDE ("C"),',
      '  UNIQUE NULLS NOT DISTINCT ( b ,"C" ),',
      '  CONSTRAINT t_fk FOREIGN KEY (b, "C") REFERENCES other (x, y) MATCH FULL ON DELETE SET NULL ON UPDATE SET DEFAULT DEFERRABLE INITIALLY DEFERRED,',
      '  FOREIGN KEY (a) REFERENCES p MATCH SIMPLE ON DELETE RESTRICT,',
      '  CONSTRAINT positive CHECK (a > 0 AND (b IS NULL OR b > a)),',
      '  EXCLUDE USING gist (a WITH =, (b + 1) WITH &&) WHERE (a > 0)',
      ')',
    ].join('\n');
    const { facts, at } = lower(sql);
    const [pk, uq, fk, fk2, ck, ex] = table(facts).constraints;
    assert.equal(pk.kind, 'primary');
    assert.equal(pk.name, 't_pk');
    assert.deepEqual(pk.columns, ['a', 'b']);
    assert.equal(at(pk.origin.span), 'CONSTRAINT t_pk PRIMARY KEY (a, b) INCLUDE ("C")');
    assert.equal(at(pk.origin.parts?.keyword), 'PRIMARY KEY');
    assert.equal(at(pk.origin.parts?.columns), '(a, b)');
    assert.deepEqual(pk.columnSpans?.map(at), ['a', 'b']);
    assert.equal(pk.inline, undefined);

    assert.deepEqual(uq.columns, ['b', 'C']);
    assert.equal(at(uq.origin.parts?.columns), '( b ,"C" )');
    assert.deepEqual(uq.columnSpans?.map(at), ['b', '"C"']);

    assert.deepEqual(fk.columns, ['b', 'C']);
    assert.deepEqual(fk.references, {
      table: { name: 'other' },
      columns: ['x', 'y'],
      onDelete: 'set null',
      onUpdate: 'set default',
      match: 'full',
    });
    assert.equal(at(fk.origin.parts?.columns), '(b, "C")');
    assert.equal(at(fk.origin.parts?.references), 'other (x, y)');
    assert.equal(at(fk.origin.parts?.keyword), 'FOREIGN KEY');
    assert.equal(fk.deferrable, true);
    assert.equal(fk.initiallyDeferred, true);
    assert.deepEqual(fk2.references, { table: { name: 'p' }, columns: [], onDelete: 'restrict', match: 'simple' });

    assert.equal(ck.kind, 'check');
    assert.equal(ck.name, 'positive');
    assert.equal(ck.expression, 'a > 0 AND (b IS NULL OR b > a)');
    assert.deepEqual(ck.columns, []);

    assert.equal(ex.kind, 'exclude');
    assert.deepEqual(ex.columns, ['a']);
    assert.deepEqual(ex.columnSpans?.map(at), ['a']);
    assert.equal(at(ex.origin.span), 'EXCLUDE USING gist (a WITH =, (b + 1) WITH &&) WHERE (a > 0)');
  });

  test('partitions, inheritance, temp, foreign, LIKE', () => {
    let t = table(lower("CREATE TEMP TABLE c PARTITION OF s.p FOR VALUES IN (1)").facts);
    assert.equal(t.temporary, true);
    assert.deepEqual(t.partitionOf, { schema: 's', name: 'p' });
    assert.deepEqual(t.columns, []);
    t = table(lower('CREATE TABLE p (a int, b date) PARTITION BY RANGE (b)').facts);
    assert.equal(t.partitioned, true);
    assert.equal(t.partitionOf, undefined);
    t = table(lower('CREATE TABLE c (x int) INHERITS (p, public.q, s.r)').facts);
    assert.deepEqual(t.inherits, [{ name: 'p' }, { name: 'q' }, { schema: 's', name: 'r' }]);
    const { facts, at } = lower("CREATE FOREIGN TABLE f (a int NOT NULL) SERVER films OPTIONS (schema_name 'x')");
    t = table(facts);
    assert.equal(t.virtual, true);
    assert.equal(at(t.origin.parts?.keyword), 'CREATE FOREIGN TABLE');
    assert.equal(col(t, 'a').nullable, false);
    t = table(lower('CREATE TABLE l (LIKE other INCLUDING ALL, extra int)').facts);
    assert.deepEqual(t.columns.map((c) => c.name), ['extra']);
  });

  test('PG18: table-level NOT NULL, virtual generated columns, NOT ENFORCED', () => {
    const { facts, at } = lower('CREATE TABLE t (a int, b int GENERATED ALWAYS AS (a + 1), c int REFERENCES p NOT ENFORCED, CONSTRAINT a_nn NOT NULL a)');
    const t = table(facts);
    assert.equal(col(t, 'a').nullable, false);
    assert.deepEqual(col(t, 'b').generated, { expression: 'a + 1', stored: false });
    assert.deepEqual(t.constraints.map((c) => [c.kind, at(c.origin.span)]), [['foreign', 'REFERENCES p NOT ENFORCED']]);
    const alter = one(lower('ALTER TABLE t ADD CONSTRAINT a_nn NOT NULL a NOT VALID').facts, 'alterTable');
    assert.deepEqual(alter.actions.map((x) => (x.action === 'setNotNull' ? [x.action, x.name] : [x.action])), [['setNotNull', 'a']]);
  });

  test('a column list of a partition (WITH OPTIONS) is not mistaken for columns', () => {
    const t = table(lower('CREATE TABLE c PARTITION OF p (a WITH OPTIONS NOT NULL, CONSTRAINT c_pk PRIMARY KEY (a)) FOR VALUES IN (1)').facts);
    assert.deepEqual(t.columns, []);
    assert.deepEqual(t.constraints.map((c) => [c.kind, c.columns]), [['primary', ['a']]]);
  });
});

describe('CREATE INDEX', () => {
  test('all the options and exact key spans', () => {
    const sql =
      'CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "idx_ü" ON ONLY public.t USING gin ' +
      '(a DESC NULLS LAST, (lower(b))  text_pattern_ops, c COLLATE "C" ASC, lower( d ), (e+1) DESC, f jsonb_path_ops (siglen=3), g NULLS FIRST) ' +
      "INCLUDE (h, i) WITH (fillfactor = 70) WHERE deleted_at IS NULL AND kind <> 'x'";
    const { facts, at } = lower(sql, '☕');
    const f = one(facts, 'createIndex');
    assert.equal(f.ifNotExists, true);
    const ix = f.index;
    assert.equal(ix.name, 'idx_ü');
    assert.deepEqual(ix.table, { name: 't' });
    assert.equal(ix.unique, true);
    assert.equal(ix.method, 'gin');
    assert.equal(ix.concurrently, true);
    assert.deepEqual(ix.include, ['h', 'i']);
    assert.equal(ix.where, "deleted_at IS NULL AND kind <> 'x'");
    assert.equal(at(ix.origin.parts?.predicate), "deleted_at IS NULL AND kind <> 'x'");
    assert.equal(at(ix.origin.parts?.keyword), 'CREATE UNIQUE INDEX');
    assert.equal(at(ix.origin.parts?.name), '"idx_ü"');
    assert.equal(at(ix.origin.span), sql);
    assert.equal(at(ix.origin.parts?.columns), sql.slice(sql.indexOf('(a DESC'), sql.indexOf(' INCLUDE')));
    assert.deepEqual(
      ix.keys.map(({ span, ...k }) => [at(span), k]),
      [
        ['a DESC NULLS LAST', { column: 'a', order: 'desc', nulls: 'last' }],
        ['(lower(b))  text_pattern_ops', { expression: 'lower(b)', opclass: 'text_pattern_ops' }],
        ['c COLLATE "C" ASC', { column: 'c', collation: 'C', order: 'asc' }],
        ['lower( d )', { expression: 'lower( d )' }],
        ['(e+1) DESC', { expression: 'e+1', order: 'desc' }],
        ['f jsonb_path_ops (siglen=3)', { column: 'f', opclass: 'jsonb_path_ops' }],
        ['g NULLS FIRST', { column: 'g', nulls: 'first' }],
      ],
    );
  });
  test('defaults: unnamed, btree, no predicate', () => {
    const { facts, at } = lower('create index on orders(customer_id)');
    const ix = one(facts, 'createIndex').index;
    assert.equal(ix.name, undefined);
    assert.equal(ix.origin.parts?.name, undefined);
    assert.equal(ix.method, undefined);
    assert.equal(ix.unique, false);
    assert.equal(ix.where, undefined);
    assert.equal(at(ix.origin.parts?.keyword), 'create index');
    assert.deepEqual(ix.keys.map((k) => [k.column, at(k.span)]), [['customer_id', 'customer_id']]);
    assert.equal(one(lower('CREATE INDEX i ON t USING btree (a)').facts, 'createIndex').index.method, 'btree');
  });
  test('expression whitespace is normalized, not the source', () => {
    const ix = one(lower('CREATE INDEX i ON t ((a\n   ||  b), (coalesce(x, 0)))').facts, 'createIndex').index;
    assert.deepEqual(ix.keys.map((k) => k.expression), ['a || b', 'coalesce(x, 0)']);
  });
});

describe('ALTER TABLE', () => {
  test('column actions with spans', () => {
    const sql = [
      'ALTER TABLE IF EXISTS ONLY app.t',
      '  ADD COLUMN IF NOT EXISTS c int NOT NULL REFERENCES x ON DELETE CASCADE,',
      '  DROP COLUMN IF EXISTS d CASCADE,',
      '  ALTER COLUMN e TYPE numeric(10, 2) USING e::numeric,',
      '  ALTER e SET DATA TYPE character varying(20),',
      '  ALTER e SET NOT NULL,',
      '  ALTER e DROP NOT NULL,',
      "  ALTER e SET DEFAULT 'naïve',",
      '  ALTER e DROP DEFAULT,',
      '  OWNER TO bob',
    ].join('\n');
    const { facts, at } = lower(sql, '🙂');
    const f = one(facts, 'alterTable');
    assert.deepEqual(f.table, { schema: 'app', name: 't' });
    assert.equal(f.ifExists, true);
    assert.equal(at(f.nameSpan), 'app.t');
    assert.equal(at(f.span), sql);
    const [add, drop, type1, type2, setNN, dropNN, setDef, dropDef, ...rest] = f.actions;
    assert.equal(rest.length, 0, 'OWNER TO is not lowered');
    assert.ok(add.action === 'addColumn');
    assert.equal(add.ifNotExists, true);
    assert.equal(add.column.name, 'c');
    assert.equal(add.column.nullable, false);
    assert.equal(at(add.column.origin.span), 'c int NOT NULL REFERENCES x ON DELETE CASCADE');
    assert.deepEqual(
      add.constraints.map((c) => [c.kind, c.columns, c.inline, c.references?.onDelete, at(c.origin.span)]),
      [['foreign', ['c'], true, 'cascade', 'REFERENCES x ON DELETE CASCADE']],
    );
    assert.ok(drop.action === 'dropColumn');
    assert.deepEqual([drop.name, at(drop.span)], ['d', 'DROP COLUMN IF EXISTS d CASCADE']);
    assert.ok(type1.action === 'alterColumnType' && type2.action === 'alterColumnType');
    assert.deepEqual([type1.name, type1.rawType, type1.type], ['e', 'numeric(10, 2)', { name: 'numeric', precision: 10, scale: 2 }]);
    assert.equal(at(type1.span), 'ALTER COLUMN e TYPE numeric(10, 2) USING e::numeric');
    assert.deepEqual([type2.rawType, type2.type], ['character varying(20)', { name: 'varchar', length: 20 }]);
    assert.deepEqual([setNN.action, at((setNN as { span: Span }).span)], ['setNotNull', 'ALTER e SET NOT NULL']);
    assert.deepEqual([dropNN.action, at((dropNN as { span: Span }).span)], ['dropNotNull', 'ALTER e DROP NOT NULL']);
    assert.ok(setDef.action === 'setDefault');
    assert.deepEqual([setDef.name, setDef.default, at(setDef.span)], ['e', "'naïve'", "ALTER e SET DEFAULT 'naïve'"]);
    assert.ok(dropDef.action === 'dropDefault');
    assert.equal(at(dropDef.span), 'ALTER e DROP DEFAULT');
  });

  test('constraint actions', () => {
    const sql =
      'ALTER TABLE ONLY t ADD CONSTRAINT fk FOREIGN KEY (a, b) REFERENCES s.o (x, y) MATCH FULL ON UPDATE SET NULL ON DELETE NO ACTION DEFERRABLE INITIALLY DEFERRED NOT VALID, ' +
      'VALIDATE CONSTRAINT c2, DROP CONSTRAINT IF EXISTS c3 CASCADE, ADD CONSTRAINT pk PRIMARY KEY USING INDEX t_idx, ADD UNIQUE USING INDEX u_idx, ' +
      'ADD CHECK (a IN (1, 2)) NOT VALID';
    const { facts, at } = lower(sql);
    const f = one(facts, 'alterTable');
    assert.equal(f.ifExists, undefined);
    const [fk, val, dropc, pk, uq, ck] = f.actions;
    assert.ok(fk.action === 'addConstraint');
    const c = fk.constraint;
    assert.equal(at(c.origin.span), sql.slice(sql.indexOf('CONSTRAINT fk'), sql.indexOf(', VALIDATE')));
    assert.deepEqual(c.references, { table: { schema: 's', name: 'o' }, columns: ['x', 'y'], onDelete: 'no action', onUpdate: 'set null', match: 'full' });
    assert.deepEqual([c.notValid, c.deferrable, c.initiallyDeferred, c.inline], [true, true, true, undefined]);
    assert.deepEqual(c.columnSpans?.map(at), ['a', 'b']);
    assert.ok(val.action === 'validateConstraint');
    assert.deepEqual([val.name, at(val.span)], ['c2', 'VALIDATE CONSTRAINT c2']);
    assert.ok(dropc.action === 'dropConstraint');
    assert.deepEqual([dropc.name, at(dropc.span)], ['c3', 'DROP CONSTRAINT IF EXISTS c3 CASCADE']);
    // USING INDEX: the columns are those of the index; `name` is the constraint name PostgreSQL will use.
    assert.ok(pk.action === 'addConstraint' && uq.action === 'addConstraint');
    assert.deepEqual([pk.constraint.kind, pk.constraint.name, pk.constraint.columns], ['primary', 'pk', []]);
    assert.deepEqual([uq.constraint.kind, uq.constraint.name, uq.constraint.columns], ['unique', 'u_idx', []]);
    assert.deepEqual([pk.constraint.usingIndex, uq.constraint.usingIndex, fk.constraint.usingIndex], ['t_idx', 'u_idx', undefined]);
    assert.ok(ck.action === 'addConstraint');
    assert.deepEqual([ck.constraint.kind, ck.constraint.expression, ck.constraint.notValid], ['check', 'a IN (1, 2)', true]);
  });

  test('ATTACH PARTITION', () => {
    const { facts, at } = lower("ALTER TABLE ONLY p ATTACH PARTITION s.c FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')");
    const f = one(facts, 'alterTable');
    assert.deepEqual(f.actions.map((a) => a.action), ['attachPartition']);
    const a = f.actions[0];
    assert.ok(a.action === 'attachPartition');
    assert.deepEqual(a.partition, { schema: 's', name: 'c' });
    assert.equal(at(a.span), "ATTACH PARTITION s.c FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')");
  });

  test('ALTER INDEX / ALTER VIEW are not table alterations', () => {
    assert.deepEqual(lower('ALTER INDEX i ATTACH PARTITION j').facts, []);
    assert.deepEqual(lower('ALTER VIEW v ALTER COLUMN a SET DEFAULT 1').facts, []);
  });
});

describe('rename, drop, enum, view, transaction', () => {
  test('RENAME', () => {
    let r = lower('ALTER TABLE s.t RENAME TO u');
    assert.deepEqual(one(r.facts, 'renameTable'), {
      kind: 'renameTable',
      from: { schema: 's', name: 't' },
      to: { schema: 's', name: 'u' },
      span: { start: 0, end: 27 },
    });
    r = lower('ALTER TABLE IF EXISTS t RENAME COLUMN "A" TO b');
    const f = one(r.facts, 'alterTable');
    assert.equal(f.ifExists, true);
    assert.deepEqual(f.actions.map((a) => (a.action === 'renameColumn' ? [a.from, a.to, r.at(a.span)] : [])), [['A', 'b', 'RENAME COLUMN "A" TO b']]);
    assert.equal(r.at(f.nameSpan), 't');
  });
  test('DROP', () => {
    assert.deepEqual(one(lower('DROP TABLE IF EXISTS a, public.b, s.c CASCADE').facts, 'dropTable'), {
      kind: 'dropTable',
      tables: [{ name: 'a' }, { name: 'b' }, { schema: 's', name: 'c' }],
      ifExists: true,
      span: { start: 0, end: 'DROP TABLE IF EXISTS a, public.b, s.c CASCADE'.length },
    });
    const di = one(lower('DROP INDEX CONCURRENTLY IF EXISTS s.i').facts, 'dropIndex');
    assert.deepEqual([di.names, di.concurrently, di.ifExists, di.table], [[{ schema: 's', name: 'i' }], true, true, undefined]);
    assert.deepEqual(one(lower('DROP MATERIALIZED VIEW m, n').facts, 'dropView').names, [{ name: 'm' }, { name: 'n' }]);
    assert.deepEqual(one(lower('DROP VIEW v').facts, 'dropView').names, [{ name: 'v' }]);
    assert.deepEqual(one(lower('DROP TYPE mood, s."Kind"').facts, 'dropType').names, [{ name: 'mood' }, { schema: 's', name: 'Kind' }]);
  });
  test('ALTER TYPE ... RENAME TO', () => {
    const r = lower('ALTER TYPE public."Role_new" RENAME TO "Role"', 'é');
    const f = one(r.facts, 'renameType');
    assert.deepEqual([f.from, f.to, r.at(f.span)], [{ name: 'Role_new' }, 'Role', r.file.slice(1)]);
  });
  test('CREATE TYPE ... AS ENUM', () => {
    const r = lower("CREATE TYPE public.mood AS ENUM ('sad', 'ok', 'happy 😀')", 'é');
    const f = one(r.facts, 'createEnum');
    assert.deepEqual([f.name, f.values, r.at(f.nameSpan)], [{ name: 'mood' }, ['sad', 'ok', 'happy 😀'], 'public.mood']);
  });
  test('ALTER TYPE ... ADD VALUE (RENAME VALUE is not recorded)', () => {
    const r = lower("ALTER TYPE s.mood ADD VALUE IF NOT EXISTS 'it''s 😀' AFTER 'ok'", 'é');
    const f = one(r.facts, 'alterEnum');
    assert.deepEqual([f.name, f.value, r.at(f.span)], [{ schema: 's', name: 'mood' }, "it's 😀", r.file.slice(1)]);
    assert.deepEqual(lower("ALTER TYPE mood RENAME VALUE 'ok' TO 'fine'").facts, []);
  });
  test('views and materialized views', () => {
    let r = lower('CREATE OR REPLACE VIEW s.v AS SELECT 1');
    let f = one(r.facts, 'createView');
    assert.deepEqual([f.name, f.materialized, r.at(f.nameSpan)], [{ schema: 's', name: 'v' }, undefined, 's.v']);
    r = lower('CREATE MATERIALIZED VIEW IF NOT EXISTS m AS SELECT 1 WITH NO DATA');
    f = one(r.facts, 'createView');
    assert.deepEqual([f.name, f.materialized, r.at(f.nameSpan)], [{ name: 'm' }, true, 'm']);
  });
  test('transaction control', () => {
    const kinds = (sql: string) => lower(sql).facts.map((f) => (f.kind === 'transaction' ? f.control : f.kind));
    assert.deepEqual(kinds('BEGIN; START TRANSACTION ISOLATION LEVEL SERIALIZABLE; COMMIT; END; ROLLBACK; ABORT; SAVEPOINT a; ROLLBACK TO a'), [
      'begin',
      'begin',
      'commit',
      'commit',
      'rollback',
      'rollback',
    ]);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Snapshot over a realistic schema; regenerate with UPDATE_SNAPSHOTS=1.

const FIXTURES = join(__dirname, 'fixtures', 'postgres');

/** Splits a file with libpg-query's own statement boundaries (UTF-16 offsets). */
function splitWithLibpg(text: string): { start: number; text: string }[] {
  const map = offsetMap(text);
  return (parseSync(text).stmts ?? []).map((raw) => {
    const s = map.toUtf16(raw.stmt_location ?? 0);
    const e = raw.stmt_len ? map.toUtf16((raw.stmt_location ?? 0) + raw.stmt_len) : text.length;
    return { start: s, text: text.slice(s, e) };
  });
}

/** Deep copy where every span also shows the text it covers, so a snapshot diff is reviewable. */
function withText(value: unknown, file: string): unknown {
  if (Array.isArray(value)) return value.map((v) => withText(v, file));
  if (value === null || typeof value !== 'object') return value;
  const o = value as Record<string, unknown>;
  if (typeof o.start === 'number' && typeof o.end === 'number') return { ...o, text: file.slice(o.start, o.end) };
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o)) out[k] = withText(o[k], file);
  return out;
}

function matchSnapshot(name: string, value: unknown): void {
  const path = join(FIXTURES, name);
  const json = JSON.stringify(value, null, 2) + '\n';
  if (process.env.UPDATE_SNAPSHOTS === '1') {
    writeFileSync(path, json);
    return;
  }
  assert.ok(existsSync(path), `missing snapshot ${path}: run with UPDATE_SNAPSHOTS=1`);
  assert.deepEqual(JSON.parse(json), JSON.parse(readFileSync(path, 'utf8')), `snapshot ${name} differs (UPDATE_SNAPSHOTS=1 to accept)`);
}

test('snapshot: shop.sql', () => {
  const file = readFileSync(join(FIXTURES, 'shop.sql'), 'utf8');
  const facts: Fact[] = [];
  for (const st of splitWithLibpg(file)) {
    const r = parsePostgresStatement(st.text, st.start);
    assert.equal(r.error, undefined);
    facts.push(...r.facts);
  }
  matchSnapshot('shop.json', withText(facts, file));
});

// ---------------------------------------------------------------------------------------------------------
// Corpus: every statement of every PostgreSQL file libpg-query accepts lowers without error, DDL lands as facts,
// and every span lies inside its statement. Skipped when the shared corpus is not present.

const CORPUS = '/work/shared/corpus/postgresql';

test('corpus: no throw, DDL lands, spans inside statements', { skip: !existsSync(CORPUS) && 'corpus not present' }, () => {
  const files: string[] = [];
  const walk = (d: string): void => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(sql|postgres)$/.test(n)) files.push(p);
    }
  };
  walk(CORPUS);
  let statements = 0;
  let expected = 0;
  const problems: string[] = [];
  for (const path of files) {
    const text = readFileSync(path, 'utf8');
    let parsed;
    try {
      parsed = parseSync(text);
    } catch {
      continue; // psql meta-commands, COPY data, other dialects: the splitter's job, not this test's
    }
    const map = offsetMap(text);
    for (const raw of parsed.stmts ?? []) {
      statements++;
      const s = map.toUtf16(raw.stmt_location ?? 0);
      const e = raw.stmt_len ? map.toUtf16((raw.stmt_location ?? 0) + raw.stmt_len) : text.length;
      const r = parsePostgresStatement(text.slice(s, e), s);
      if (r.error) problems.push(`${path}@${s}: ${r.error}`);
      const kind = Object.keys(raw.stmt ?? {})[0];
      const body = (raw.stmt as Record<string, { objtype?: string; cmds?: { AlterTableCmd?: { subtype?: string } }[] }>)[kind];
      const want =
        kind === 'CreateStmt' || kind === 'CreateForeignTableStmt'
          ? 'createTable'
          : kind === 'IndexStmt'
            ? 'createIndex'
            : kind === 'AlterTableStmt' && body.objtype === 'OBJECT_TABLE' && body.cmds?.some((c) => c.AlterTableCmd?.subtype === 'AT_AddConstraint')
              ? 'alterTable'
              : undefined;
      if (want) {
        expected++;
        if (!r.facts.some((f) => f.kind === want)) problems.push(`${path}@${s}: no ${want} fact`);
      }
      const check = (v: unknown): void => {
        if (Array.isArray(v)) return v.forEach(check);
        if (v === null || typeof v !== 'object') return;
        const o = v as Record<string, unknown>;
        if (typeof o.start === 'number' && typeof o.end === 'number') {
          if (!(o.start >= s && o.end <= e && o.start <= o.end)) problems.push(`${path}@${s}: span ${o.start}-${o.end} outside ${s}-${e}`);
          return;
        }
        Object.values(o).forEach(check);
      };
      check(r.facts);
    }
  }
  assert.ok(statements > 10_000, `statements: ${statements}`);
  assert.ok(expected > 5_000, `expected DDL: ${expected}`);
  assert.deepEqual(problems.slice(0, 20), []);
});

test('ALTER INDEX … RENAME and ALTER TABLE … RENAME CONSTRAINT are lowered', async () => {
  await initPostgres();
  const a = parsePostgresStatement('ALTER INDEX public.i RENAME TO j', 0).facts;
  assert.deepEqual(a.map((f) => f.kind === 'renameIndex' && [f.from.name, f.to]), [['i', 'j']]);
  const b = parsePostgresStatement('ALTER TABLE t RENAME CONSTRAINT t_pkey TO t_pk', 0).facts;
  assert.deepEqual(
    b.map((f) => f.kind === 'alterTable' && f.actions.map((x) => x.action === 'renameIndex' && [x.from, x.to])),
    [[['t_pkey', 't_pk']]],
  );
});
