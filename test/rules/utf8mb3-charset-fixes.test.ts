/** The utf8mb3-charset fix: which names it rewrites, to what, and where it is not offered. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from '../../server/src/core/api';
import { allDiagnostics, analyze, applyFix, initCore } from '../helpers/workspace';

function findings(files: Record<string, string>): Diagnostic[] {
  return allDiagnostics(analyze(files)).filter((d) => d.ruleId === 'utf8mb3-charset');
}

/** Each edit as `old → new`. */
function rewrites(files: Record<string, string>, d: Diagnostic): string[] {
  assert.equal(d.fixes.length, 1, `one fix for: ${d.message}`);
  assert.equal(d.fixes[0].safe, false);
  return d.fixes[0].edits.map((e) => `${files[e.file].slice(e.start, e.end)} → ${e.newText}`);
}

test('a table fix rewrites its default and the columns that restate utf8mb3 (as mysqldump writes them), keeping case and quotes', async () => {
  await initCore();
  const files = {
    '/p/schema.sql': `-- schemawise: dialect=mysql
CREATE TABLE t (
  id int NOT NULL,
  a varchar(22) CHARACTER SET utf8mb3 COLLATE utf8mb3_unicode_ci NOT NULL,
  b varchar(22) COLLATE utf8_general_mysql500_ci,
  c varchar(22) CHARACTER SET "UTF8",
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=UTF8MB3_UNICODE_CI;
`,
  };
  const [d] = findings(files);
  assert.match(d.message, /^Table `t`/);
  // b's collation has no utf8mb4 counterpart: b is left whole (never `utf8mb4` with a utf8mb3 collation).
  assert.deepEqual(rewrites(files, d), [
    'utf8mb3 → utf8mb4',
    'UTF8MB3_UNICODE_CI → UTF8MB4_UNICODE_CI',
    'utf8mb3 → utf8mb4',
    'utf8mb3_unicode_ci → utf8mb4_unicode_ci',
    '"UTF8" → "UTF8MB4"',
  ]);
  const fixed = applyFix(files, d.fixes[0]);
  assert.deepEqual(
    findings(fixed).map((x) => x.message),
    ['Column `t.b` uses character set `utf8mb3`, which cannot store 4-byte characters such as emoji'],
  );
});

test('database and column fixes rewrite the character set and the collation written next to it', async () => {
  await initCore();
  const files = {
    '/p/schema.sql': `-- schemawise: dialect=mysql
CREATE DATABASE shop DEFAULT CHARACTER SET = utf8 DEFAULT COLLATE = utf8_general_ci;
CREATE TABLE t (id int PRIMARY KEY, a text CHARSET utf8 COLLATE utf8_bin) DEFAULT CHARSET=utf8mb4;
ALTER TABLE t CONVERT TO CHARACTER SET utf8mb3;
CREATE TABLE u (id int PRIMARY KEY, a text CHARSET utf8 COLLATE utf8_bin) DEFAULT CHARSET=utf8mb4;
`,
  };
  const got = findings(files).map((d) => [d.message.split(' ').slice(0, 2).join(' '), rewrites(files, d)]);
  assert.deepEqual(got, [
    ['Database default', ['utf8 → utf8mb4', 'utf8_general_ci → utf8mb4_general_ci']],
    // t.a was converted: its CHARSET text is stale, the CONVERT TO is what the fix rewrites.
    ['Table `t`', ['utf8mb3 → utf8mb4']],
    ['Column `u.a`', ['utf8 → utf8mb4', 'utf8_bin → utf8mb4_bin']],
  ]);
});

test('no fix in an older migration (it has run): the help says to change it in a new one; the newest migration gets one', async () => {
  await initCore();
  const files = {
    '/p/migrations/001_init.sql': '-- schemawise: dialect=mysql\nCREATE TABLE users (id int PRIMARY KEY, name varchar(100)) DEFAULT CHARSET=utf8;\n',
    '/p/migrations/002_notes.sql': '-- schemawise: dialect=mysql\nCREATE TABLE notes (id int PRIMARY KEY, body text CHARACTER SET utf8);\n',
  };
  const [old, newest] = findings(files);
  assert.equal(old.file, '/p/migrations/001_init.sql');
  assert.equal(old.fixes.length, 0);
  assert.match(old.help!, /This migration has run: make the change in a new one \(`ALTER TABLE users CONVERT TO CHARACTER SET utf8mb4`/);
  assert.equal(newest.file, '/p/migrations/002_notes.sql');
  assert.deepEqual(rewrites(files, newest), ['utf8 → utf8mb4']);
});

test('NCHAR and a DEFAULT CHARSET= that converts nothing: reported without a fix', async () => {
  await initCore();
  const files = {
    '/p/schema.sql': `-- schemawise: dialect=mysql
CREATE TABLE t (id int PRIMARY KEY, n national varchar(10), a varchar(10), b varchar(10)) DEFAULT CHARSET=utf8;
ALTER TABLE t DEFAULT CHARSET=utf8mb4;
`,
  };
  const ds = findings(files);
  assert.deepEqual(
    ds.map((d) => [d.message, d.fixes.length]),
    [
      ['Column `t.n` uses character set `utf8mb3`, which cannot store 4-byte characters such as emoji', 0],
      ['Columns `a`, `b` of table `t` keep character set `utf8mb3`, which cannot store 4-byte characters such as emoji', 0],
    ],
  );
  assert.match(ds[0].help!, /declare it as `varchar\(10\) CHARACTER SET utf8mb4`/);
});
