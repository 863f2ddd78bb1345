import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { detectDialect, markerDialect } from '../../server/src/core/parse/dialect';
import type { Dialect } from '../../server/src/core/parse/types';

describe('markerDialect', () => {
  const cases: [string, Dialect | undefined][] = [
    ['-- schemawise: dialect=mysql\nCREATE TABLE t (a int);', 'mysql'],
    ['/* schemawise: dialect=postgresql */', 'postgresql'],
    ['--schemawise:dialect=postgres', 'postgresql'],
    ['-- SchemaWise: Dialect = PG', 'postgresql'],
    ['-- schemawise: dialect=mariadb', 'mysql'],
    ['-- schemawise: dialect=sqlite3', 'sqlite'],
    ['-- schemawise: dialect=sqlite', 'sqlite'],
    ['-- schemawise: dialect=oracle', undefined],
    ['CREATE TABLE t (a int);', undefined],
    ['select 1; -- not a schemawise marker', undefined],
  ];
  for (const [text, expected] of cases) {
    test(JSON.stringify(text), () => assert.equal(markerDialect(text), expected));
  }
  test('only in the first 50 lines', () => {
    assert.equal(markerDialect('\n'.repeat(49) + '-- schemawise: dialect=mysql'), 'mysql');
    assert.equal(markerDialect('\n'.repeat(50) + '-- schemawise: dialect=mysql'), undefined);
  });
  test('a marker wins in detectDialect', () => {
    assert.deepEqual(detectDialect('-- schemawise: dialect=sqlite\nCREATE TABLE t (a int) ENGINE=InnoDB;')?.dialect, 'sqlite');
  });
});

describe('detectDialect', () => {
  const cases: [Dialect, string, RegExp][] = [
    ['mysql', 'CREATE TABLE `t` (id int unsigned NOT NULL AUTO_INCREMENT) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;', /ENGINE=.*AUTO_INCREMENT|AUTO_INCREMENT.*ENGINE=/],
    ['mysql', 'CREATE TABLE t (name varchar(10) CHARACTER SET utf8);', /CHARACTER SET/],
    ['mysql', 'DELIMITER //\nCREATE PROCEDURE p() BEGIN SELECT 1; END//\nDELIMITER ;', /DELIMITER/],
    ['mysql', '/*!40101 SET NAMES utf8 */;', /executable/],
    ['postgresql', "CREATE FUNCTION f() RETURNS int AS $$ select 1 $$ LANGUAGE sql;", /\$\$/],
    ['postgresql', "SELECT '1'::int;", /::/],
    ['postgresql', 'CREATE TABLE t (id bigserial, at timestamptz, d jsonb);', /SERIAL.*|timestamptz|jsonb/],
    ['postgresql', 'CREATE EXTENSION IF NOT EXISTS pgcrypto;', /CREATE EXTENSION/],
    ['postgresql', 'ALTER TABLE public.t OWNER TO app;', /OWNER TO/],
    ['postgresql', "SET search_path = public, pg_catalog;", /search_path/],
    ['postgresql', 'CREATE INDEX CONCURRENTLY i ON t USING gin (d);', /CONCURRENTLY|gin/],
    ['postgresql', '\\connect db\nCOPY t (a) FROM stdin;\n1\n\\.\n', /psql|COPY/],
    ['sqlite', 'CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT);', /AUTOINCREMENT/],
    ['sqlite', 'CREATE TABLE t (id INTEGER PRIMARY KEY) WITHOUT ROWID;', /WITHOUT ROWID/],
    ['sqlite', 'PRAGMA foreign_keys = ON;', /PRAGMA/],
    ['sqlite', 'CREATE VIRTUAL TABLE docs USING fts5(body);', /VIRTUAL/],
    ['sqlite', 'CREATE TABLE t (a INT) STRICT;', /STRICT/],
    ['sqlite', 'CREATE TRIGGER t AFTER INSERT ON a BEGIN UPDATE a SET b = 1 WHERE rowid = new.rowid; END;', /rowid/],
  ];
  for (const [dialect, text, evidence] of cases) {
    test(`${dialect}: ${JSON.stringify(text.slice(0, 60))}`, () => {
      const r = detectDialect(text);
      assert.equal(r?.dialect, dialect);
      assert.match(r!.evidence, evidence);
    });
  }

  test('no evidence: undefined', () => {
    assert.equal(detectDialect('CREATE TABLE t (id int PRIMARY KEY, name text NOT NULL);'), undefined);
    assert.equal(detectDialect(''), undefined);
  });
  test('evidence inside strings and comments does not count', () => {
    assert.equal(detectDialect("-- ENGINE=InnoDB AUTO_INCREMENT\nSELECT 'jsonb::text', \"AUTOINCREMENT\";"), undefined);
    assert.equal(detectDialect("/* PRAGMA x; */ SELECT $$ AUTO_INCREMENT $$;")?.dialect, 'postgresql');
  });
  test('the stronger evidence wins', () => {
    const mixed = 'CREATE TABLE `a` (id int AUTO_INCREMENT, b int UNSIGNED) ENGINE=InnoDB; CREATE TABLE c (d jsonb);';
    assert.equal(detectDialect(mixed)?.dialect, 'mysql');
  });
  test('looks at the first 200 KB only and stays cheap on large input', () => {
    const filler = 'CREATE TABLE t (id int);\n'.repeat(10_000);
    assert.equal(detectDialect(filler + 'CREATE TABLE u (id serial);'), undefined);
    const big = 'CREATE TABLE t (id bigserial, d jsonb, at timestamptz);\n'.repeat(100_000);
    const r = detectDialect(big);
    assert.equal(r?.dialect, 'postgresql');
    // stops reading once the evidence is clear: it saw a few statements, not 100 000
    assert.match(r!.evidence, /^jsonb \(\d\), timestamptz \(\d\), SERIAL types \(\d\)$/);
  });
});

const CORPUS = '/work/shared/corpus';
test('corpus: large dumps are detected as their dialect', { skip: existsSync(CORPUS) ? false : `corpus not found at ${CORPUS}` }, () => {
  const files: [string, Dialect][] = [
    ['postgresql/lago-api/db/structure.sql', 'postgresql'],
    ['postgresql/pagila/pagila-schema.sql', 'postgresql'],
    ['mysql/sharetribe/db/structure.sql', 'mysql'],
    ['mysql/sakila/sakila/sakila-mv-schema.sql', 'mysql'],
    ['sqlite/sakila-jooq/sqlite-sakila-db/sqlite-sakila-schema.sql', 'sqlite'],
    ['sqlite/synapse/synapse/storage/schema/main/full_schemas/72/full.sql.sqlite', 'sqlite'],
  ];
  for (const [f, d] of files) {
    const path = `${CORPUS}/${f}`;
    if (!existsSync(path)) continue;
    assert.equal(detectDialect(readFileSync(path, 'utf8'))?.dialect, d, f);
  }
});

test('folderDialect: the nearest folder named after a dialect', async () => {
  const { folderDialect } = await import('../../server/src/core/parse/dialect');
  assert.equal(folderDialect('/r/schema/sqlite/v3/temporal/schema.sql'), 'sqlite');
  assert.equal(folderDialect('/r/schema/mysql/v57/schema.sql'), 'mysql');
  assert.equal(folderDialect('/r/db/postgres/init.sql'), 'postgresql');
  assert.equal(folderDialect('/r/clickhouse/migrations/1.sql'), 'unsupported');
  assert.equal(folderDialect('/r/db/migrations/1.sql'), undefined);
  assert.equal(folderDialect('/r/mysql.sql'), undefined, 'the file name itself is not a folder');
});
