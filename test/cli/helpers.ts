/** Shared by the CLI tests: snapshots, temp folders, and running the CLI as a subprocess or in process. */
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { run } from '../../server/src/cli/main';

export const REPO = path.resolve(__dirname, '..', '..');
export const FIXTURES = path.join(__dirname, 'fixtures');
const SNAPSHOTS = path.join(FIXTURES, 'snapshots');
const MAIN = path.join(REPO, 'server', 'src', 'cli', 'main.ts');
const TSX = pathToFileURL(require.resolve('tsx')).href;

/**
 * Compares with `fixtures/snapshots/<name>`. `UPDATE_SNAPSHOTS=1` rewrites it; a missing snapshot is written
 * (and fails under CI, where it should have been committed).
 */
export function matchSnapshot(name: string, actual: string): void {
  const file = path.join(SNAPSHOTS, name);
  if (process.env.UPDATE_SNAPSHOTS === '1' || !fs.existsSync(file)) {
    if (process.env.CI && !fs.existsSync(file)) assert.fail(`missing snapshot ${name}`);
    fs.mkdirSync(SNAPSHOTS, { recursive: true });
    fs.writeFileSync(file, actual);
    return;
  }
  assert.equal(actual, fs.readFileSync(file, 'utf8'), `snapshot ${name} differs (UPDATE_SNAPSHOTS=1 to accept)`);
}

let tempRoot: string | undefined;

/** A fresh temp folder (real path, no symlinks), removed when the process exits. */
export function tempDir(): string {
  if (!tempRoot) {
    const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'schemawise-cli-')));
    process.on('exit', () => fs.rmSync(root, { recursive: true, force: true }));
    tempRoot = root;
  }
  return fs.mkdtempSync(path.join(tempRoot, 't'));
}

/** Writes `files` (relative path → content) under `dir`. */
export function writeTree(dir: string, files: Record<string, string | Buffer>): void {
  for (const [rel, content] of Object.entries(files)) {
    const p = path.join(dir, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, content);
  }
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `schemawise <args>` from source in a subprocess (no TTY). */
export function spawnCli(args: string[], opts: { cwd: string; env?: Record<string, string> }): Promise<CliResult> {
  const env = { ...process.env, NO_COLOR: '', FORCE_COLOR: '', ...opts.env };
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', TSX, MAIN, ...args], { cwd: opts.cwd, env, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Runs the CLI's `run` in this process with captured output (faster than a subprocess). */
export async function runCli(args: string[], opts: { cwd: string; env?: Record<string, string>; tty?: boolean }): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, {
    cwd: opts.cwd,
    env: opts.env ?? {},
    stdout: { write: (s: string) => (stdout += s), isTTY: opts.tty ?? false },
    stderr: { write: (s: string) => (stderr += s) },
  });
  return { code, stdout, stderr };
}

/** Replaces run-dependent bits (timing, the temp folder) so outputs can be snapshotted. */
export function normalize(s: string, dir?: string): string {
  let out = s.replace(/\d+\.\d\d s\b/g, '<time> s');
  if (dir) out = out.split(pathToFileURL(dir).href).join('file://<dir>').split(dir).join('<dir>');
  return out;
}

/** The required shape of SARIF 2.1.0 (the parts we emit), checked by hand: no network, no schema download. */
export function validateSarif(log: any): void {
  assert.equal(log.version, '2.1.0');
  assert.match(log.$schema, /sarif-2\.1\.0/);
  assert.equal(log.runs.length, 1);
  const run = log.runs[0];
  const driver = run.tool.driver;
  assert.equal(driver.name, 'schemawise');
  assert.equal(typeof driver.version, 'string');
  assert.match(driver.informationUri, /^https?:\/\//);
  assert.ok(Array.isArray(driver.rules));
  const ids = driver.rules.map((r: any) => r.id);
  assert.equal(new Set(ids).size, ids.length, 'rule ids are unique');
  for (const r of driver.rules) {
    assert.equal(typeof r.id, 'string');
    assert.equal(typeof r.shortDescription.text, 'string');
    assert.ok(r.shortDescription.text.length > 0);
    if (r.helpUri !== undefined) assert.doesNotThrow(() => new URL(r.helpUri));
    if (r.help !== undefined) assert.equal(typeof r.help.text, 'string');
  }
  assert.ok(Array.isArray(run.results));
  for (const res of run.results) {
    assert.ok(ids.includes(res.ruleId), `result rule ${res.ruleId} is described in rules[]`);
    assert.equal(driver.rules[res.ruleIndex].id, res.ruleId);
    assert.ok(['error', 'warning', 'note'].includes(res.level));
    assert.equal(typeof res.message.text, 'string');
    assert.ok(res.locations.length >= 1);
    for (const loc of [...res.locations, ...(res.relatedLocations ?? [])]) {
      const { artifactLocation, region } = loc.physicalLocation;
      assert.equal(typeof artifactLocation.uri, 'string');
      assert.doesNotMatch(artifactLocation.uri, /\\/, 'uris use /');
      if (artifactLocation.uriBaseId) {
        assert.ok(run.originalUriBaseIds[artifactLocation.uriBaseId], 'uriBaseId is declared');
        assert.doesNotMatch(artifactLocation.uri, /^\//, 'relative to the base');
      } else assert.match(artifactLocation.uri, /^file:\/\//);
      for (const k of ['startLine', 'startColumn', 'endLine', 'endColumn']) assert.ok(Number.isInteger(region[k]) && region[k] >= 1, k);
      assert.ok(region.endLine > region.startLine || (region.endLine === region.startLine && region.endColumn >= region.startColumn));
    }
  }
}
