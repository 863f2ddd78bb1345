/**
 * Neovim as a second, independent LSP client of the built server (dist/server.js --stdio) on a copy of the
 * example workspace: diagnostics, a hover, code actions, and a fix applied by the client. Skips when `nvim` is
 * not installed (.ci/run installs it from apt).
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

test('neovim: diagnostics, hover, code action and fix on the example workspace', { skip: hasNvim ? false : 'nvim not installed: skipped' }, () => {
  assert.ok(existsSync(SERVER), 'dist/server.js missing: run npm run build');
  const tmp = mkdtempSync(join(tmpdir(), 'sw-nvim-'));
  const ws = join(tmp, 'shop');
  cpSync(join(ROOT, 'examples', 'shop'), ws, { recursive: true });
  // The newest migration: the one a fix may still write to.
  const file = join(ws, 'db', 'migrations', '20260115083000_add_shipments.sql');
  const xdg = join(tmp, 'xdg');
  const r = spawnSync('nvim', ['--headless', '--clean', '-n', '-i', 'NONE', '-c', `luafile ${join(ROOT, 'test', 'nvim', 'smoke.lua')}`, file], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, SW_SERVER: SERVER, SW_ROOT: ws, XDG_CACHE_HOME: xdg, XDG_DATA_HOME: xdg, XDG_STATE_HOME: xdg, XDG_CONFIG_HOME: xdg },
  });
  const out = r.stdout;
  assert.equal(r.status, 0, `nvim failed:\n${out}\n${r.stderr}`);
  const diags = JSON.parse(/^DIAGNOSTICS (.*)$/m.exec(out)![1]) as { code: string; lnum: number; col: number; end_col: number; source: string }[];
  assert.deepEqual(
    diags.map((d) => `${d.lnum}:${d.col}-${d.end_col} ${d.code}`),
    ['8:13-35 duplicate-index', '11:0-12 blocking-index-creation', '11:13-29 duplicate-index', '19:14-36 unindexed-foreign-key'],
  );
  assert.ok(diags.every((d) => d.source === 'schemawise'));
  assert.match(out, /^HOVER .*\*\*Index `shipments_order_idx`\*\* on `shipments \(order_id\)`.*Same keys as index `shipments_order_id_idx`/m);
  assert.match(out, /^ACTION Add index on `shipment_lines\(order_id, product_id\)` \(preferred\)$/m);
  assert.match(out, /^ACTION Ignore `unindexed-foreign-key` for this statement$/m);
  assert.match(out, /^AFTER FIX 3 diagnostics; added: CREATE INDEX shipment_lines_order_id_product_id_idx ON shipment_lines \(order_id, product_id\);$/m);
});
