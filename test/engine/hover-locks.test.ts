/** Hover on a DDL statement of a migration file: the lock it takes, for the configured versions. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer } from '../../server/src/core/engine';
import { analyze, initCore } from '../helpers/workspace';

function hoverAt(files: Record<string, string>, file: string, needle: string, config = {}) {
  const analyzer = new Analyzer();
  analyze(files, config, analyzer);
  return analyzer.hover(file, files[file].indexOf(needle) + 1);
}

const INIT = 'CREATE TABLE orders (id bigint PRIMARY KEY, status text, total numeric);\n';

test('PostgreSQL: the lock mode, what it blocks, and rewrite vs scan vs catalog only', async () => {
  await initCore();
  const files = {
    '/w/migrations/001_init.sql': INIT,
    '/w/migrations/002_change.sql': [
      'ALTER TABLE orders ALTER COLUMN total TYPE numeric(14,2);',
      'ALTER TABLE orders ALTER COLUMN status SET NOT NULL;',
      'ALTER TABLE orders ADD COLUMN note text;',
      'ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total > 0) NOT VALID;',
      'ALTER TABLE orders VALIDATE CONSTRAINT orders_total_positive;',
      '',
    ].join('\n'),
  };
  const f = '/w/migrations/002_change.sql';
  assert.match(hoverAt(files, f, 'TYPE numeric')!.markdown, /^\*\*Migration step\*\* on `orders`: blocks reads and writes\n- change the type of `total`: `ACCESS EXCLUSIVE` — rewrites the table/);
  assert.match(hoverAt(files, f, 'SET NOT NULL')!.markdown, /`ACCESS EXCLUSIVE` — scans every row/);
  assert.match(hoverAt(files, f, 'ADD COLUMN note')!.markdown, /add column `note`: `ACCESS EXCLUSIVE` — changes the catalog only \(brief/);
  assert.match(hoverAt(files, f, 'CHECK (total')!.markdown, /NOT VALID: `ACCESS EXCLUSIVE` — changes the catalog only/);
  assert.match(hoverAt(files, f, 'VALIDATE')!.markdown, /^\*\*Migration step\*\* on `orders`: blocks other schema changes only\n- validate constraint `orders_total_positive`: `SHARE UPDATE EXCLUSIVE` — scans every row/);
  // Before PostgreSQL 11 a column with a default rewrote the table.
  const old = { ...files, [f]: "ALTER TABLE orders ADD COLUMN flag boolean DEFAULT false;\n" };
  assert.match(hoverAt(old, f, 'ADD COLUMN', { postgresVersion: 10 })!.markdown, /rewrites the table \(before PostgreSQL 11/);
  assert.match(hoverAt(old, f, 'ADD COLUMN', { postgresVersion: 10 })!.markdown, /Assumes PostgreSQL 10/);
});

test('a table created earlier in the same file: no lock can block anyone', async () => {
  await initCore();
  const f = '/w/migrations/001_init.sql';
  const files = { [f]: INIT + 'CREATE INDEX orders_status ON orders (status);\n' };
  assert.match(hoverAt(files, f, 'CREATE INDEX orders_status')!.markdown, /created earlier in this migration file: it holds no rows yet, so building the index blocks no one/);
  const later = { ...files, '/w/migrations/002_more.sql': 'ALTER TABLE orders ADD COLUMN note text;\n' };
  assert.doesNotMatch(hoverAt(later, '/w/migrations/002_more.sql', 'ADD COLUMN')!.markdown, /created earlier/);
});

test('MySQL: INSTANT / INPLACE / COPY by version', async () => {
  await initCore();
  const files = {
    '/w/migrations/001_init.sql': '-- schemawise: dialect=mysql\nCREATE TABLE `orders` (`id` bigint NOT NULL, `status` varchar(20), PRIMARY KEY (`id`)) ENGINE=InnoDB;\n',
    '/w/migrations/002_change.sql': '-- schemawise: dialect=mysql\nALTER TABLE `orders` ADD COLUMN `note` text;\n',
  };
  const f = '/w/migrations/002_change.sql';
  assert.match(hoverAt(files, f, 'ADD COLUMN')!.markdown, /reads and writes go on\n- add column `note`: `ALGORITHM=INSTANT, LOCK=NONE`/);
  assert.match(hoverAt(files, f, 'ADD COLUMN', { mysqlVersion: '5.7' })!.markdown, /`ALGORITHM=INPLACE, LOCK=NONE` — rewrites the table/);
  assert.match(hoverAt(files, f, 'ADD COLUMN', { mysqlVersion: '8.0.20' })!.markdown, /INSTANT only as the last column before 8\.0\.29/);
});

test('schema files and statements with no known lock get no lock hover', async () => {
  await initCore();
  const files = { '/w/schema.sql': INIT + 'ALTER TABLE orders ADD COLUMN note text;\n' };
  assert.equal(hoverAt(files, '/w/schema.sql', 'ADD COLUMN'), undefined);
});
