/** Workspace IO (server/src/node/files.ts): discovery, safe reading, config loading. Real files in temp folders. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import {
  anchorGlob,
  discoverFiles,
  findConfigFile,
  loadConfigFile,
  parseJsonc,
  projectRootOf,
  readConfigFile,
  readSourceFile,
} from '../../server/src/node/files';
import { tempDir, writeTree } from './helpers';

const RULES = new Set(['missing-primary-key', 'unindexed-foreign-key']);
const isRoot = process.getuid?.() === 0;

describe('discoverFiles', () => {
  test('walks folders in a stable order, picks .sql files, skips node_modules, .git and excluded paths', () => {
    const dir = tempDir();
    writeTree(dir, {
      'b.sql': '',
      'a.SQL': '',
      'notes.txt': '',
      'db/z.sql': '',
      'db/migrations/001.sql': '',
      'node_modules/pkg/x.sql': '',
      '.git/y.sql': '',
      'generated/g.sql': '',
      'db/generated/h.sql': '',
      '.hidden/k.sql': '',
    });
    const { files, skipped } = discoverFiles(['.'], { exclude: ['generated/**'], cwd: dir });
    const rel = files.map((f) => path.posix.relative(dir, f));
    assert.deepEqual(rel, ['.hidden/k.sql', 'a.SQL', 'b.sql', 'db/generated/h.sql', 'db/migrations/001.sql', 'db/z.sql']);
    assert.deepEqual(skipped, []);
    assert.ok(files.every((f) => path.posix.isAbsolute(f) && !f.includes('\\')));
    const anywhere = discoverFiles([dir], { exclude: ['**/generated/**'], cwd: '/' }).files.map((f) => path.posix.relative(dir, f));
    assert.ok(!anywhere.some((f) => f.includes('generated')));
  });

  test('explicit files: analysed when they are schema files, else skipped with a reason; each file once', () => {
    const dir = tempDir();
    writeTree(dir, { 'a.sql': '', 'dump.txt': '' });
    const { files, skipped } = discoverFiles(['a.sql', 'dump.txt', '.', 'missing.sql'], { exclude: [], cwd: dir });
    assert.deepEqual(files, [`${dir}/a.sql`]);
    assert.deepEqual(skipped, [
      { path: `${dir}/dump.txt`, reason: 'not a schema file (expected .sql, .prisma or TypeORM entity files)' },
      { path: `${dir}/missing.sql`, reason: 'not found' },
    ]);
    const excluded = discoverFiles(['a.sql'], { exclude: ['a.sql'], cwd: dir });
    assert.deepEqual(excluded.files, []);
    assert.match(excluded.skipped[0].reason, /excluded/);
  });

  test('symlink loops do not hang; a file reached twice is listed once; broken links are reported', () => {
    const dir = tempDir();
    writeTree(dir, { 'db/a.sql': '' });
    fs.symlinkSync(dir, path.join(dir, 'db', 'loop'));
    fs.symlinkSync(path.join(dir, 'db'), path.join(dir, 'alias'));
    fs.symlinkSync(path.join(dir, 'gone.sql'), path.join(dir, 'broken.sql'));
    const { files, skipped } = discoverFiles(['.'], { exclude: [], cwd: dir });
    assert.deepEqual(files, [`${dir}/alias/a.sql`]);
    assert.deepEqual(skipped, [{ path: `${dir}/broken.sql`, reason: 'broken symbolic link' }]);
  });
});

describe('readSourceFile', () => {
  test('reads UTF-8 as is, keeping a byte order mark so offsets match the file', () => {
    const dir = tempDir();
    writeTree(dir, { 'bom.sql': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('CREATE TABLE é (a int);')]) });
    const r = readSourceFile(path.join(dir, 'bom.sql'));
    assert.equal(r.file?.text, '\ufeffCREATE TABLE é (a int);');
    assert.equal(r.file?.path, `${dir}/bom.sql`);
  });

  test('decodes UTF-16 with a byte order mark (PowerShell redirects)', () => {
    const dir = tempDir();
    writeTree(dir, { 'u16.sql': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('CREATE TABLE t (a int);', 'utf16le')]) });
    assert.equal(readSourceFile(path.join(dir, 'u16.sql')).file?.text, '\ufeffCREATE TABLE t (a int);');
  });

  test('tolerates a few invalid UTF-8 bytes (Latin-1 comments)', () => {
    const dir = tempDir();
    writeTree(dir, { 'latin1.sql': Buffer.concat([Buffer.from('-- caf'), Buffer.from([0xe9]), Buffer.from('\nCREATE TABLE t (a int);\n')]) });
    assert.equal(readSourceFile(path.join(dir, 'latin1.sql')).file?.text, '-- caf\ufffd\nCREATE TABLE t (a int);\n');
  });

  test('skips binary files', () => {
    const dir = tempDir();
    writeTree(dir, {
      'nul.sql': Buffer.from([0x53, 0x45, 0x4c, 0x00, 0x01, 0x02]),
      'noise.sql': Buffer.from(Array.from({ length: 4096 }, (_, i) => 0x80 + (i % 0x40))),
    });
    assert.deepEqual(readSourceFile(path.join(dir, 'nul.sql')), { skipped: 'binary file (contains NUL bytes)' });
    assert.deepEqual(readSourceFile(path.join(dir, 'noise.sql')), { skipped: 'not UTF-8 text (mostly invalid byte sequences)' });
  });

  test('skips files over the size limit without reading them; files at the limit are read', () => {
    const dir = tempDir();
    const big = path.join(dir, 'dump.sql');
    fs.writeFileSync(big, '');
    fs.truncateSync(big, Math.round(31.2 * 1024 * 1024)); // sparse: nothing is written
    assert.deepEqual(readSourceFile(big), { skipped: 'file is 31.2 MB, over the 20 MB limit' });
    writeTree(dir, { 'small.sql': 'x'.repeat(100) });
    assert.equal(readSourceFile(path.join(dir, 'small.sql'), 100).file?.text.length, 100);
    assert.deepEqual(readSourceFile(path.join(dir, 'small.sql'), 99), { skipped: 'file is 100 bytes, over the 99 bytes limit' });
  });

  test('skips folders and missing files', () => {
    const dir = tempDir();
    assert.deepEqual(readSourceFile(dir), { skipped: 'is a directory' });
    assert.deepEqual(readSourceFile(path.join(dir, 'nope.sql')), { skipped: 'not found' });
  });

  test('skips unreadable files', { skip: isRoot ? 'permissions do not apply to root' : false }, () => {
    const dir = tempDir();
    const p = path.join(dir, 'secret.sql');
    fs.writeFileSync(p, 'CREATE TABLE t (a int);');
    fs.chmodSync(p, 0o000);
    assert.deepEqual(readSourceFile(p), { skipped: 'permission denied' });
  });
});

describe('config files', () => {
  test('found in the folder or a parent, not above the repository root', () => {
    const dir = tempDir();
    writeTree(dir, { '.schemawise.json': '{}', 'repo/.git/HEAD': '', 'repo/db/x.sql': '', 'other/db/y.sql': '' });
    assert.equal(findConfigFile(path.join(dir, 'other', 'db')), path.join(dir, '.schemawise.json'));
    assert.equal(findConfigFile(path.join(dir, 'repo', 'db')), undefined);
    writeTree(dir, { 'repo/.schemawise.json': '{}' });
    assert.equal(findConfigFile(path.join(dir, 'repo', 'db')), path.join(dir, 'repo', '.schemawise.json'));
    assert.deepEqual(loadConfigFile(path.join(dir, 'repo', 'nothing-here-either'), RULES).errors, []);
  });

  test('validates, reports problems with the file name, anchors relative globs to its folder', () => {
    const dir = tempDir();
    writeTree(dir, {
      '.schemawise.json': JSON.stringify({
        dialect: 'pg',
        rules: { 'missing-primary-key': 'error', 'missing-primary-ky': 'off' },
        exclude: ['generated/**', '**/vendor/**', './tmp/*.sql'],
        migrations: ['db/changes/*.sql'],
        colour: true,
      }),
    });
    const r = loadConfigFile(dir, RULES);
    assert.equal(r.path, `${dir}/.schemawise.json`);
    assert.deepEqual(r.layer.dialect, 'postgresql');
    assert.deepEqual(r.layer.rules, { 'missing-primary-key': 'error' });
    assert.deepEqual(r.layer.exclude, [`${dir}/generated/**`, '**/vendor/**', `${dir}/tmp/*.sql`]);
    assert.deepEqual(r.layer.migrations, [`${dir}/db/changes/*.sql`]);
    assert.equal(r.errors.length, 2);
    assert.match(r.errors[0], new RegExp(`^${dir}/\\.schemawise\\.json: unknown rule "missing-primary-ky".*did you mean "missing-primary-key"`));
    assert.match(r.errors[1], /unknown setting "colour"/);
  });

  test('JSON syntax errors point at line and column; comments and trailing commas are fine', () => {
    const dir = tempDir();
    writeTree(dir, {
      'bad.json': '{\n  "dialect": "mysql"\n  "rules": {}\n}\n',
      'jsonc.json': '// settings\n{\n  /* the dialect */ "dialect": "sqlite", // here\n  "exclude": ["a/**",],\n}\n',
      'truncated.json': '{\n  "dialect": ',
    });
    const bad = readConfigFile(path.join(dir, 'bad.json'), RULES);
    assert.deepEqual(bad.layer, {});
    assert.equal(bad.errors.length, 1);
    assert.match(bad.errors[0], new RegExp(`^${dir}/bad\\.json:3:3: invalid JSON: `));
    assert.match(readConfigFile(path.join(dir, 'truncated.json'), RULES).errors[0], /truncated\.json:2:14: invalid JSON: Unexpected end of JSON input/);
    const ok = readConfigFile(path.join(dir, 'jsonc.json'), RULES);
    assert.deepEqual(ok.errors, []);
    assert.deepEqual(ok.layer, { dialect: 'sqlite', exclude: [`${dir}/a/**`] });
    assert.deepEqual(parseJsonc('{"url": "http://x//y", "s": "a /* b */ ,]"}'), { value: { url: 'http://x//y', s: 'a /* b */ ,]' } });
    assert.match(readConfigFile(path.join(dir, 'none.json'), RULES).errors[0], /none\.json: not found/);
  });

  test('anchorGlob escapes glob characters in the folder name', () => {
    assert.equal(anchorGlob('x/*.sql', '/p/[v2] (old)'), '/p/\\[v2\\] \\(old\\)/x/*.sql');
    assert.equal(anchorGlob('!keep.sql', '/p'), '!/p/keep.sql');
    assert.equal(anchorGlob('/abs/*.sql', '/p'), '/abs/*.sql');
  });
});

test('projectRootOf: the nearest folder with .git', () => {
  const dir = tempDir();
  writeTree(dir, { 'repo/.git/HEAD': '', 'repo/db/a.sql': '', 'loose/b.sql': '' });
  const cache = new Map<string, string | undefined>();
  assert.equal(projectRootOf(path.join(dir, 'repo', 'db', 'a.sql'), cache), `${dir}/repo`);
  assert.equal(projectRootOf(path.join(dir, 'repo', 'db', 'a.sql'), cache), `${dir}/repo`);
  const loose = projectRootOf(path.join(dir, 'loose', 'b.sql'), cache);
  assert.ok(loose === undefined || !loose.startsWith(dir), 'outside any repository in the temp folder');
});
