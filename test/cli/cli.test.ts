/**
 * The CLI end to end: subprocesses from source (`node --import tsx server/src/cli/main.ts`) for what depends
 * on being a real process (exit status, no TTY), the in-process `run` for the many smaller cases.
 * Findings come from the real engine and rules on the fixtures.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { version } from '../../package.json';
import { FIXTURES, matchSnapshot, normalize, REPO, runCli, spawnCli, tempDir, validateSarif, writeTree } from './helpers';

const PROJECT = path.join(FIXTURES, 'project');
const CLEAN = path.join(FIXTURES, 'clean');
const NO_PK = '-- schemawise: dialect=postgresql\nCREATE TABLE t (a int);\n';
const ANSI = /\x1b\[/;

describe('subprocess', { concurrency: true }, () => {
  test('--help and --version', async () => {
    const help = await spawnCli(['--help'], { cwd: REPO });
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: schemawise <command> \[options\]/);
    assert.equal(help.stderr, '');
    const v = await spawnCli(['--version'], { cwd: REPO });
    assert.deepEqual(v, { code: 0, stdout: `${version}\n`, stderr: '' });
  });

  test('text output on the fixture project, no colors without a terminal', async () => {
    const r = await spawnCli(['check'], { cwd: PROJECT });
    assert.doesNotMatch(r.stdout, ANSI);
    assert.equal(r.stderr, '');
    matchSnapshot('project.txt', normalize(r.stdout));
    assert.match(r.stdout, /^schema\.sql:\d+:\d+ {2}(warning|error) {2}.+ {2}\[[a-z-]+\]$/m);
    const errors = Number(/\((\d+) errors?/.exec(r.stdout)?.[1] ?? 0);
    assert.equal(r.code, errors > 0 ? 1 : 0);
  });

  test('json output on the fixture project', async () => {
    const r = await spawnCli(['check', '--format', 'json'], { cwd: PROJECT });
    matchSnapshot('project.json', normalize(r.stdout, PROJECT));
    const results = JSON.parse(r.stdout);
    assert.equal(results.length, 1);
    assert.equal(results[0].filePath, `${PROJECT.split(path.sep).join('/')}/schema.sql`);
    const rules = new Set(results[0].messages.map((m: { ruleId: string }) => m.ruleId));
    for (const id of ['missing-primary-key', 'unindexed-foreign-key', 'duplicate-index', 'redundant-index']) assert.ok(rules.has(id), `${id} reported`);
    for (const m of results[0].messages) {
      assert.ok(m.line >= 1 && m.column >= 1 && (m.endLine > m.line || m.endColumn >= m.column));
      assert.equal(m.severity, m.level === 'error' ? 2 : 1);
    }
  });

  test('sarif output on the fixture project', async () => {
    const [sarif, json] = await Promise.all([
      spawnCli(['check', '--format=sarif'], { cwd: PROJECT }),
      spawnCli(['check', '--format=json'], { cwd: PROJECT }),
    ]);
    const log = JSON.parse(sarif.stdout);
    validateSarif(log);
    const messages = JSON.parse(json.stdout)[0].messages;
    const results = log.runs[0].results;
    assert.equal(results.length, messages.length);
    assert.equal(log.runs[0].tool.driver.version, version);
    for (const [k, res] of results.entries()) {
      const region = res.locations[0].physicalLocation.region;
      assert.equal(res.locations[0].physicalLocation.artifactLocation.uri, 'schema.sql');
      assert.deepEqual([region.startLine, region.startColumn, region.endLine, region.endColumn], [messages[k].line, messages[k].column, messages[k].endLine, messages[k].endColumn]);
    }
    for (const rule of log.runs[0].tool.driver.rules) {
      assert.notEqual(rule.shortDescription.text, rule.id, `${rule.id}: described from its doc`);
      assert.match(rule.help.markdown, new RegExp(`^# \`${rule.id}\``));
    }
  });

  test('exit status 0, 1 and 2', async () => {
    const dir = tempDir();
    writeTree(dir, { 'no-pk.sql': NO_PK });
    const [clean, warnings, tooMany, error, usage] = await Promise.all([
      spawnCli(['check'], { cwd: CLEAN }),
      spawnCli(['check', 'no-pk.sql'], { cwd: dir }),
      spawnCli(['check', 'no-pk.sql', '--max-warnings', '0'], { cwd: dir }),
      spawnCli(['check', 'no-pk.sql', '--rule', 'missing-primary-key=error'], { cwd: dir }),
      spawnCli(['check', '--bogus'], { cwd: dir }),
    ]);
    assert.equal(clean.code, 0, clean.stdout + clean.stderr);
    assert.match(clean.stdout, /^✔ no problems in 1 file, \d+\.\d\d s\n$/);
    assert.equal(warnings.code, 0, warnings.stdout + warnings.stderr);
    assert.match(warnings.stdout, /no-pk\.sql:2:14 {2}warning {2}.*`t`.* {2}\[missing-primary-key\]/);
    assert.equal(tooMany.code, 1);
    assert.match(tooMany.stderr, /1 warnings, more than --max-warnings 0/);
    assert.equal(error.code, 1);
    assert.match(error.stdout, /no-pk\.sql:2:14 {2}error/);
    assert.equal(usage.code, 2);
    assert.equal(usage.stdout, '');
    assert.match(usage.stderr, /unknown option --bogus/);
  });

  test('dist/cli.js, when built, finds its docs and version', { skip: !fs.existsSync(path.join(REPO, 'dist', 'cli.js')) && 'not built' }, () => {
    const cli = path.join(REPO, 'dist', 'cli.js');
    assert.equal(execFileSync(process.execPath, [cli, '--version'], { encoding: 'utf8' }), `${version}\n`);
    const doc = execFileSync(process.execPath, [cli, 'explain', 'missing-primary-key'], { encoding: 'utf8', cwd: tempDir() });
    assert.equal(doc, fs.readFileSync(path.join(REPO, 'docs', 'rules', 'missing-primary-key.md'), 'utf8'));
  });
});

describe('in process', () => {
  test('usage errors exit 2 with a pointer to --help, nothing on stdout', async () => {
    for (const argv of [[], ['chek'], ['check', '--format', 'xml'], ['check', '--max-warnings', 'many'], ['explain']]) {
      const r = await runCli(argv, { cwd: CLEAN });
      assert.equal(r.code, 2, argv.join(' '));
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /^schemawise: .+\nRun `schemawise --help` for usage\.\n$/);
    }
  });

  test('a missing path, or no schema files, exit 2', async () => {
    const dir = tempDir();
    writeTree(dir, { 'readme.md': '' });
    assert.deepEqual(await runCli(['check', 'nope', 'db'], { cwd: dir }), {
      code: 2,
      stdout: '',
      stderr: 'schemawise: path not found: nope\nschemawise: path not found: db\n',
    });
    assert.deepEqual(await runCli(['check'], { cwd: dir }), { code: 2, stdout: '', stderr: 'schemawise: no schema files (.sql, .prisma or TypeORM entity files) found in .\n' });
  });

  test('configuration problems exit 2 before analysing: config file, --config, --rule, --dialect', async () => {
    const dir = tempDir();
    writeTree(dir, {
      'a.sql': NO_PK,
      'broken/.schemawise.json': '{ "dialect": "postgresql", }}',
      'typo/.schemawise.json': '{ "rules": { "missing-primary-ky": "off" } }',
      'typo/a.sql': NO_PK,
    });
    const broken = await runCli(['check'], { cwd: path.join(dir, 'broken') });
    assert.equal(broken.code, 2);
    assert.equal(broken.stdout, '');
    assert.match(broken.stderr, new RegExp(`^schemawise: ${dir}/broken/\\.schemawise\\.json:1:29: invalid JSON`));
    const typo = await runCli(['check'], { cwd: path.join(dir, 'typo') });
    assert.equal(typo.code, 2);
    assert.match(typo.stderr, /unknown rule "missing-primary-ky" in "rules" \(did you mean "missing-primary-key"\?\)/);
    const viaFlag = await runCli(['check', 'a.sql', '--config', 'typo/.schemawise.json'], { cwd: dir });
    assert.equal(viaFlag.code, 2);
    assert.match(viaFlag.stderr, /typo\/\.schemawise\.json: unknown rule/);
    const missingConfig = await runCli(['check', '--config', 'nope.json'], { cwd: dir });
    assert.equal(missingConfig.code, 2);
    assert.match(missingConfig.stderr, /nope\.json: not found/);
    const rule = await runCli(['check', '--rule', 'missing-primary-ky=error', '--rule', 'duplicate-index=loud'], { cwd: dir });
    assert.equal(rule.code, 2);
    assert.equal(
      rule.stderr,
      'schemawise: --rule: unknown rule "missing-primary-ky" (did you mean "missing-primary-key"?)\n' +
        'schemawise: --rule: rule "duplicate-index" must be one of off, hint, info, warning, error (or [severity, { options }]); got "loud"\n',
    );
    const dialect = await runCli(['check', '--dialect', 'oracle'], { cwd: dir });
    assert.equal(dialect.code, 2);
    assert.match(dialect.stderr, /--dialect: .*got "oracle"/);
  });

  test('flags override the config file; --rule off silences a rule', async () => {
    const dir = tempDir();
    writeTree(dir, { '.schemawise.json': '{ "rules": { "missing-primary-key": "error" } }', 'a.sql': NO_PK });
    const fromFile = await runCli(['check'], { cwd: dir });
    assert.equal(fromFile.code, 1);
    const off = await runCli(['check', '--rule', 'missing-primary-key=off'], { cwd: dir });
    assert.equal(off.code, 0);
    assert.match(off.stdout, /^✔ no problems in 1 file/);
  });

  test('exclude globs from the config file are relative to its folder, whatever the working folder', async () => {
    const dir = tempDir();
    writeTree(dir, { '.schemawise.json': '{ "exclude": ["generated/**"] }', 'generated/a.sql': NO_PK, 'db/b.sql': NO_PK, 'db/generated/c.sql': NO_PK });
    const files = async (cwd: string, paths: string[]): Promise<string[]> =>
      JSON.parse((await runCli(['check', '--format', 'json', ...paths], { cwd })).stdout).map((f: { filePath: string }) => path.posix.relative(dir, f.filePath));
    assert.deepEqual(await files(dir, []), ['db/b.sql', 'db/generated/c.sql']);
    assert.deepEqual(await files(path.join(dir, 'db'), ['..']), ['db/b.sql', 'db/generated/c.sql']);
  });

  test('--quiet shows errors only; warnings still count for --max-warnings', async () => {
    const dir = tempDir();
    writeTree(dir, { 'a.sql': NO_PK });
    const quiet = await runCli(['check', '--quiet', '--max-warnings', '0'], { cwd: dir });
    assert.equal(quiet.code, 1);
    assert.match(quiet.stdout, /^✔ no problems in 1 file/);
    assert.match(quiet.stderr, /more than --max-warnings 0/);
    const json = await runCli(['check', '--quiet', '--format', 'json'], { cwd: dir });
    assert.deepEqual(JSON.parse(json.stdout)[0].messages, []);
  });

  test('binary, huge and unreadable files are skipped with a reason; the rest is analysed', async () => {
    const dir = tempDir();
    writeTree(dir, { 'a.sql': NO_PK, 'blob.sql': Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]), 'folder.sql/x.txt': '' });
    fs.writeFileSync(path.join(dir, 'dump.sql'), '');
    fs.truncateSync(path.join(dir, 'dump.sql'), 21 * 1024 * 1024);
    fs.symlinkSync(path.join(dir, 'gone.sql'), path.join(dir, 'dangling.sql'));
    const r = await runCli(['check', '--format', 'json'], { cwd: dir });
    assert.equal(r.code, 0);
    assert.deepEqual(
      JSON.parse(r.stdout).map((f: { filePath: string }) => path.posix.basename(f.filePath)),
      ['a.sql'],
    );
    assert.equal(
      r.stderr,
      'schemawise: skipped 3 files:\n' +
        '  dangling.sql: broken symbolic link\n' +
        '  blob.sql: binary file (contains NUL bytes)\n' +
        '  dump.sql: file is 21 MB, over the 20 MB limit\n',
    );
    const only = await runCli(['check', 'blob.sql'], { cwd: dir });
    assert.equal(only.code, 2);
    assert.equal(only.stderr, 'schemawise: skipped 1 file:\n  blob.sql: binary file (contains NUL bytes)\nschemawise: no files could be analysed\n');
  });

  test('colors: on a terminal, unless --no-color or NO_COLOR; --color forces them', async () => {
    const dir = tempDir();
    writeTree(dir, { 'a.sql': NO_PK });
    assert.match((await runCli(['check'], { cwd: dir, tty: true })).stdout, ANSI);
    assert.doesNotMatch((await runCli(['check', '--no-color'], { cwd: dir, tty: true })).stdout, ANSI);
    assert.doesNotMatch((await runCli(['check'], { cwd: dir, tty: true, env: { NO_COLOR: '1' } })).stdout, ANSI);
    assert.match((await runCli(['check', '--color'], { cwd: dir, tty: false })).stdout, ANSI);
    assert.doesNotMatch((await runCli(['check'], { cwd: dir, tty: false })).stdout, ANSI);
  });

  test('explain prints the rule doc; unknown ids exit 2 with a suggestion', async () => {
    const r = await runCli(['explain', 'unindexed-foreign-key'], { cwd: CLEAN });
    assert.equal(r.code, 0);
    assert.equal(r.stdout, fs.readFileSync(path.join(REPO, 'docs', 'rules', 'unindexed-foreign-key.md'), 'utf8'));
    assert.deepEqual(await runCli(['explain', 'unindexed-foreign-kye'], { cwd: CLEAN }), {
      code: 2,
      stdout: '',
      stderr: 'schemawise: unknown rule "unindexed-foreign-kye" (did you mean "unindexed-foreign-key"?)\n',
    });
    assert.deepEqual(await runCli(['explain', '../../package'], { cwd: CLEAN }), { code: 2, stdout: '', stderr: 'schemawise: unknown rule "../../package"\n' });
  });
});
