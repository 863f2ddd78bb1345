/**
 * Neovim as a second, independent LSP client of the built server (dist/server.js --stdio) on a copy of the e2e
 * fixture workspace (the one the VS Code suite uses): diagnostics of two files, a hover, a quick-fix applied by
 * the client, and diagnostics updated after an edit. The checks live in test/nvim/smoke.lua, which prints one
 * line per check and a `neovim: N passed, N failed` line, relayed here. Skips when `nvim` is not installed
 * (.ci/run installs it from apt).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const SERVER = join(ROOT, 'dist', 'server.js');
const hasNvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' }).status === 0;

test('neovim: diagnostics, hover, quick-fix and an edit on the e2e workspace', { skip: hasNvim ? false : 'nvim not installed: skipped' }, () => {
  assert.ok(existsSync(SERVER), 'dist/server.js missing: run npm run build');
  const tmp = mkdtempSync(join(tmpdir(), 'sw-nvim-'));
  const ws = join(tmp, 'workspace');
  cpSync(join(ROOT, 'test', 'e2e', 'workspace'), ws, { recursive: true });
  const file = join(ws, 'db', 'migrations', '20260108120000_add_shipments.sql');
  const xdg = join(tmp, 'xdg');
  const r = spawnSync('nvim', ['--headless', '--clean', '-n', '-i', 'NONE', '-c', `luafile ${join(ROOT, 'test', 'nvim', 'smoke.lua')}`, file], {
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, SW_SERVER: SERVER, SW_ROOT: ws, XDG_CACHE_HOME: xdg, XDG_DATA_HOME: xdg, XDG_STATE_HOME: xdg, XDG_CONFIG_HOME: xdg },
  });
  process.stdout.write(r.stdout);
  assert.equal(r.status, 0, `nvim failed:\n${r.stdout}\n${r.stderr}`);
  assert.match(r.stdout, /^neovim: 8 passed, 0 failed$/m);
});
