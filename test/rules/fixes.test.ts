/** Where fixes may write: schema files and the newest migration, never an older (applied) migration. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allDiagnostics, analyze, initCore } from '../helpers/workspace';

const files = {
  '/p/migrations/001_init.sql': 'CREATE TABLE authors (id bigint PRIMARY KEY);\nCREATE TABLE posts (id bigint PRIMARY KEY, author_id bigint REFERENCES authors (id));\n',
  '/p/migrations/002_editor.sql': 'ALTER TABLE posts ADD COLUMN editor_id bigint REFERENCES authors (id);\n',
};

test('an FK in an older migration gets no fix and is told to use a new migration', async () => {
  await initCore();
  const d = allDiagnostics(analyze(files)).find((x) => x.file === '/p/migrations/001_init.sql' && x.ruleId === 'unindexed-foreign-key')!;
  assert.equal(d.fixes.length, 0);
  assert.match(d.help!, /in a new migration/);
});

test('an FK the newest migration adds to an existing table gets CREATE INDEX CONCURRENTLY after its statement', async () => {
  await initCore();
  const d = allDiagnostics(analyze(files)).find((x) => x.file === '/p/migrations/002_editor.sql' && x.ruleId === 'unindexed-foreign-key')!;
  assert.equal(d.fixes.length, 1);
  assert.deepEqual(d.fixes[0].edits, [
    { file: '/p/migrations/002_editor.sql', start: 70, end: 70, newText: '\nCREATE INDEX CONCURRENTLY posts_editor_id_idx ON posts (editor_id);' },
  ]);
  assert.match(d.help!, /CONCURRENTLY, outside a transaction/);
});

test('an FK on a table the newest migration creates gets a plain CREATE INDEX', async () => {
  await initCore();
  const only = { '/p/migrations/001_init.sql': files['/p/migrations/001_init.sql'] };
  const d = allDiagnostics(analyze(only)).find((x) => x.ruleId === 'unindexed-foreign-key')!;
  assert.equal(d.fixes[0].edits[0].newText, '\nCREATE INDEX posts_author_id_idx ON posts (author_id);');
});

test('a duplicate index in an older migration gets no removal fix; in a schema file it does', async () => {
  await initCore();
  const mig = {
    '/p/migrations/001.sql': 'CREATE TABLE t (id int PRIMARY KEY, a int);\nCREATE INDEX t_a ON t (a);\nCREATE INDEX t_a2 ON t (a);\n',
    '/p/migrations/002.sql': 'CREATE TABLE u (id int PRIMARY KEY);\n',
  };
  const inMigration = allDiagnostics(analyze(mig)).find((x) => x.ruleId === 'duplicate-index')!;
  assert.equal(inMigration.fixes.length, 0);
  const inSchema = allDiagnostics(analyze({ '/p/schema.sql': mig['/p/migrations/001.sql'] })).find((x) => x.ruleId === 'duplicate-index')!;
  assert.equal(inSchema.fixes.length, 1);
});
