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
  const file = join(ws, 'db', 'migrations', '20260108120000_create_orders.sql');
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
    ['6:13-32 redundant-index', '11:2-12 unindexed-foreign-key', '17:13-25 missing-primary-key', '18:2-10 unindexed-foreign-key'],
  );
  assert.ok(diags.every((d) => d.source === 'schemawise'));
  assert.match(out, /^HOVER .*\*\*Index `orders_customer_idx`\*\* on `orders \(customer_id\)`.*left prefix of index `orders_customer_status_idx`/m);
  assert.match(out, /^ACTION Add index on `order_items\(product_id\)` \(preferred\)$/m);
  assert.match(out, /^ACTION Ignore `unindexed-foreign-key` for this statement$/m);
  assert.match(out, /^AFTER FIX 3 diagnostics; added: CREATE INDEX order_items_product_id_idx ON order_items \(product_id\);$/m);
});
