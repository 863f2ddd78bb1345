/**
 * The PostgreSQL index-lock rules (blocking-index-creation, blocking-index-drop, concurrent-index-in-transaction,
 * unique-constraint-addition): what the fixtures' caret annotations cannot show — severities, fix text, the help's
 * advice per framework.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allDiagnostics, analyze, applyFix, initCore } from '../helpers/workspace';
import type { Config } from '../../server/src/core/api';

const init = '-- schemawise: dialect=postgresql\nCREATE TABLE orders (id bigint PRIMARY KEY, reference text NOT NULL, note text);\nCREATE INDEX orders_note_idx ON orders (note);\n';

function findings(files: Record<string, string>, rule: string, config: Partial<Config> = {}) {
  return allDiagnostics(analyze(files, config)).filter((d) => d.ruleId === rule);
}

test('the fix writes CONCURRENTLY before IF [NOT] EXISTS', async () => {
  await initCore();
  const files = {
    '/p/migrations/001_init.sql': init,
    '/p/migrations/002_change.sql': 'CREATE UNIQUE INDEX IF NOT EXISTS orders_reference_key ON orders (reference);\nDROP INDEX IF EXISTS orders_note_idx;\n',
  };
  let fixed: Record<string, string> = files;
  for (const rule of ['blocking-index-creation', 'blocking-index-drop']) {
    const [d] = findings(fixed, rule);
    assert.equal(d.fixes.length, 1, rule);
    assert.equal(d.fixes[0].safe, true);
    fixed = applyFix(fixed, d.fixes[0]);
  }
  assert.equal(
    fixed['/p/migrations/002_change.sql'],
    'CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS orders_reference_key ON orders (reference);\nDROP INDEX CONCURRENTLY IF EXISTS orders_note_idx;\n',
  );
  assert.deepEqual(findings(fixed, 'concurrent-index-in-transaction'), []);
});

test('largeTables raises the lock findings from warning to error', async () => {
  await initCore();
  const files = {
    '/p/migrations/001_init.sql': init + 'CREATE TABLE audit (id bigint PRIMARY KEY, at timestamptz NOT NULL);\n',
    '/p/migrations/002_change.sql':
      'CREATE INDEX orders_reference_idx ON orders (reference);\nCREATE INDEX audit_at_idx ON audit (at);\nDROP INDEX orders_note_idx;\nALTER TABLE orders ADD UNIQUE (reference);\n',
  };
  for (const rule of ['blocking-index-creation', 'blocking-index-drop', 'unique-constraint-addition']) {
    const plain = findings(files, rule);
    assert.ok(plain.length > 0 && plain.every((d) => d.severity === 'warning'), rule);
    const large = findings(files, rule, { largeTables: ['ord*'] });
    assert.deepEqual(large.map((d) => d.severity), plain.map((d) => (/`orders[`(]/.test(d.message) ? 'error' : 'warning')), rule);
  }
  // A severity the user configured wins.
  assert.deepEqual(findings(files, 'blocking-index-creation', { largeTables: ['orders'], rules: { 'blocking-index-creation': 'info' } }).map((d) => d.severity), ['info', 'info']);
});

test('concurrent-index-in-transaction is an error naming what opened the transaction', async () => {
  await initCore();
  const cases: [string, RegExp, RegExp][] = [
    ['/p/migrations/002_x.sql', /the `BEGIN` before it/, /move it out of the `BEGIN … COMMIT` block/],
    ['/p/db/migrations/20240102000000_x.sql', /dbmate/, /transaction:false/],
    ['/p/sql/V2__x.sql', /Flyway/, /mixed=true/],
    ['/p/migrations/000002_x.up.sql', /golang-migrate/, /alone in a migration file/],
    ['/p/prisma/migrations/20240102000000_x/migration.sql', /Prisma Migrate/, /prisma migrate resolve/],
  ];
  for (const [path, message, help] of cases) {
    const first = path.replace(/002_x|20240102000000_x|V2__x|000002_x/, (m) => ({ '002_x': '001_init', '20240102000000_x': '20240101000000_init', V2__x: 'V1__init', '000002_x': '000001_init' })[m]!);
    let body = 'ALTER TABLE orders ADD COLUMN shipped_at timestamptz;\nCREATE INDEX CONCURRENTLY orders_reference_idx ON orders (reference);\n';
    if (path.includes('/002_x')) body = 'BEGIN;\n' + body + 'COMMIT;\n';
    if (path.includes('20240102000000_x.sql')) body = '-- migrate:up\n' + body + '-- migrate:down\n';
    const files = { [first]: init, [path]: body };
    const ds = findings(files, 'concurrent-index-in-transaction');
    assert.equal(ds.length, 1, path);
    assert.equal(ds[0].severity, 'error');
    assert.match(ds[0].message, message, path);
    assert.match(ds[0].help!, help, path);
  }
});

test('the help of a blocking build inside a framework transaction says how to opt out, and no fix is offered', async () => {
  await initCore();
  const files = {
    '/p/db/migrations/20240101000000_init.sql': '-- migrate:up\n' + init + '-- migrate:down\n',
    '/p/db/migrations/20240102000000_x.sql': '-- migrate:up\nCREATE INDEX orders_reference_idx ON orders (reference);\n-- migrate:down\n',
  };
  const [d] = findings(files, 'blocking-index-creation');
  assert.equal(d.fixes.length, 0);
  assert.match(d.help!, /`-- migrate:up transaction:false`/);
});

test('a table built in the same file under another name and renamed into place is new', async () => {
  await initCore();
  const files = {
    '/p/migrations/001_init.sql': init,
    '/p/migrations/002_swap.sql':
      'CREATE TABLE orders2 (id bigint PRIMARY KEY, reference text NOT NULL, note text);\nDROP TABLE orders;\nALTER TABLE orders2 RENAME TO orders;\n' +
      'CREATE INDEX orders_reference_idx ON orders (reference);\nALTER TABLE orders ADD UNIQUE (note);\n',
  };
  for (const rule of ['blocking-index-creation', 'unique-constraint-addition']) assert.deepEqual(findings(files, rule), [], rule);
  // The same statements on the table that was there are reported.
  const direct = { '/p/migrations/001_init.sql': init, '/p/migrations/002_direct.sql': 'CREATE INDEX orders_reference_idx ON orders (reference);\nALTER TABLE orders ADD UNIQUE (note);\n' };
  for (const rule of ['blocking-index-creation', 'unique-constraint-addition']) assert.equal(findings(direct, rule).length, 1, rule);
});
