/** Migration context: frameworks recognised by layout, and whether each statement runs inside a transaction. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer } from '../../server/src/core/engine';
import { defaultConfig, mergeConfig } from '../../server/src/core/config';
import { Migrations } from '../../server/src/core/migrations';
import { analyze, initCore } from '../helpers/workspace';

const BASE = 'CREATE TABLE t (id bigint PRIMARY KEY, a int);\n';

function setup(files: Record<string, string>, config = {}) {
  const analyzer = new Analyzer();
  analyze(files, config, analyzer);
  const schema = analyzer.lastSchemas()[0];
  const parsed = new Map(Object.keys(files).map((p) => [p, analyzer.lastParsedFile(p)!]));
  const m = new Migrations(schema, parsed, mergeConfig(config));
  /** Transaction info of the statement holding `needle` in `file`. */
  const tx = (file: string, needle: string) => {
    const at = files[file].indexOf(needle);
    const r = m.fileStatements(file).find((s) => s.span.start <= at && at < s.span.end);
    assert.ok(r, `${needle} in ${file}`);
    return m.transactionOf(r);
  };
  return { m, tx };
}

test('framework wrapping: Flyway, Prisma, dbmate (unless transaction:false), golang-migrate with several statements', async () => {
  await initCore();
  const { m, tx } = setup({
    '/w/db/migrations/001_init.sql': BASE,
    '/w/sql/V2__index.sql': 'CREATE INDEX t_a ON t (a);\n',
    '/w/prisma/migrations/20240101000000_x/migration.sql': 'CREATE INDEX t_a2 ON t (a);\nALTER TABLE t ADD COLUMN p int;\n',
    '/w/prisma/migrations/20240102000000_y/migration.sql': 'CREATE INDEX CONCURRENTLY t_a7 ON t (a);\n',
    '/w/sql/V3__concurrently.sql': 'CREATE INDEX CONCURRENTLY t_a8 ON t (a);\n',
    '/w/db/migrations/2024-01-01-000000_diesel/up.sql': 'ALTER TABLE t ADD COLUMN d int;\n',
    '/w/db/migrations/2024-01-02-000000_diesel_conc/up.sql': 'CREATE INDEX CONCURRENTLY t_a9 ON t (a);\n',
    '/w/db/migrations/003_dbmate.sql': '-- migrate:up\nCREATE INDEX t_a3 ON t (a);\n\n-- migrate:down\nDROP INDEX t_a3;\n',
    '/w/db/migrations/004_dbmate_notx.sql': '-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY t_a4 ON t (a);\n',
    '/w/db/migrations/005_one.up.sql': 'CREATE INDEX CONCURRENTLY t_a5 ON t (a);\n',
    '/w/db/migrations/006_two.up.sql': 'CREATE INDEX CONCURRENTLY t_a6 ON t (a);\nALTER TABLE t ADD COLUMN b int;\n',
  }, { migrations: ['**/migrations/**', '**/V*__*.sql'] });
  assert.equal(m.framework('/w/sql/V2__index.sql'), 'flyway');
  assert.deepEqual(tx('/w/sql/V2__index.sql', 'CREATE INDEX'), { inTransaction: true, by: 'flyway' });
  assert.deepEqual(tx('/w/prisma/migrations/20240101000000_x/migration.sql', 'CREATE INDEX'), { inTransaction: true, by: 'prisma' });
  // One statement is no multi-statement query (Prisma); Flyway runs a migration of CONCURRENTLY statements alone outside one.
  assert.deepEqual(tx('/w/prisma/migrations/20240102000000_y/migration.sql', 'CREATE INDEX'), { inTransaction: false });
  assert.deepEqual(tx('/w/sql/V3__concurrently.sql', 'CREATE INDEX'), { inTransaction: false });
  // Diesel wraps a migration unless metadata.toml opts out, which one with CONCURRENTLY must have done.
  assert.deepEqual(tx('/w/db/migrations/2024-01-01-000000_diesel/up.sql', 'ADD COLUMN'), { inTransaction: true, by: 'diesel' });
  assert.deepEqual(tx('/w/db/migrations/2024-01-02-000000_diesel_conc/up.sql', 'CREATE INDEX'), { inTransaction: false });
  assert.deepEqual(tx('/w/db/migrations/003_dbmate.sql', 'CREATE INDEX'), { inTransaction: true, by: 'dbmate' });
  assert.deepEqual(tx('/w/db/migrations/004_dbmate_notx.sql', 'CREATE INDEX'), { inTransaction: false });
  assert.deepEqual(tx('/w/db/migrations/005_one.up.sql', 'CREATE INDEX'), { inTransaction: false });
  assert.deepEqual(tx('/w/db/migrations/006_two.up.sql', 'CREATE INDEX'), { inTransaction: true, by: 'golang-migrate' });
  assert.equal(m.framework('/w/db/migrations/001_init.sql'), undefined);
});

test('an explicit BEGIN … COMMIT covers the statements between them only', async () => {
  await initCore();
  const { tx } = setup({
    '/w/migrations/001_init.sql': BASE,
    '/w/migrations/002_x.sql': 'CREATE INDEX t_a ON t (a);\nBEGIN;\nALTER TABLE t ADD COLUMN b int;\nCOMMIT;\nALTER TABLE t ADD COLUMN c int;\n',
  });
  assert.deepEqual(tx('/w/migrations/002_x.sql', 'CREATE INDEX'), { inTransaction: false });
  assert.deepEqual(tx('/w/migrations/002_x.sql', 'COLUMN b'), { inTransaction: true, by: 'explicit' });
  assert.deepEqual(tx('/w/migrations/002_x.sql', 'COLUMN c'), { inTransaction: false });
});

test('versions and large tables from the configuration', () => {
  const m = new Migrations({ statements: [] } as never, new Map(), mergeConfig({ mysqlVersion: '8.0.29', postgresVersion: 12, largeTables: ['events', 'audit_*'] }));
  assert.deepEqual(m.mysqlVersion, [8, 0, 29]);
  assert.ok(m.mysqlAtLeast(8, 0, 29) && !m.mysqlAtLeast(8, 0, 30) && m.mysqlAtLeast(5, 7));
  assert.equal(m.postgresVersion, 12);
  assert.ok(m.isLarge({ name: 'events' }) && m.isLarge({ name: 'AUDIT_log' }) && m.isLarge({ schema: 'app', name: 'events' }) && !m.isLarge({ name: 'users' }));
  assert.equal(new Migrations({ statements: [] } as never, new Map(), defaultConfig()).postgresVersion, 16);
});

test('the down section of a dbmate or goose migration is not replayed', async () => {
  await initCore();
  const files = {
    '/w/db/migrations/001_init.sql': '-- migrate:up\nCREATE TABLE t (id bigint PRIMARY KEY, a int);\nCREATE INDEX t_a ON t (a);\n\n-- migrate:down\nDROP INDEX t_a;\nDROP TABLE t;\n',
    '/w/db/migrations/002_goose.sql': '-- +goose Up\nCREATE TABLE u (id bigint PRIMARY KEY);\n-- +goose Down\nDROP TABLE u;\n',
  };
  const analyzer = new Analyzer();
  analyze(files, {}, analyzer);
  const schema = analyzer.lastSchemas()[0];
  assert.deepEqual([...schema.tables.keys()].sort(), ['t', 'u']);
  assert.deepEqual(schema.tables.get('t')!.indexes.map((i) => i.name), ['t_a']);
});
