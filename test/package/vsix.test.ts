/**
 * The packaged extension (out/schemawise.vsix, built by `npm run package`, which `npm test` runs first) holds
 * what the extension needs at run time and nothing else. A VSIX is a zip: its central directory is read here
 * directly, and one entry is inflated with node's zlib.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { inflateRawSync } from 'node:zlib';
import { knownRuleIds } from '../../server/src/core/engine';
import { RULES } from '../../server/src/core/rules/registry';

const ROOT = join(__dirname, '..', '..');
const VSIX = join(ROOT, 'out', 'schemawise.vsix');
const MAX_BYTES = 5 * 1024 * 1024;

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localHeader: number;
}

/** Lists a zip's entries from its central directory (no zip64: a VSIX this small never needs it). */
function readZip(buf: Buffer): Entry[] {
  const EOCD = 0x06054b50;
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  assert.ok(eocd >= 0, 'end of central directory record found: the file is a zip');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const entries: Entry[] = [];
  for (let n = 0; n < count; n++) {
    assert.equal(buf.readUInt32LE(p), 0x02014b50, `central directory entry ${n} has its signature`);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    entries.push({
      method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20),
      size: buf.readUInt32LE(p + 24),
      localHeader: buf.readUInt32LE(p + 42),
      name: buf.toString('utf8', p + 46, p + 46 + nameLen),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

function contents(buf: Buffer, e: Entry): Buffer {
  const h = e.localHeader;
  assert.equal(buf.readUInt32LE(h), 0x04034b50, `local header of ${e.name}`);
  const start = h + 30 + buf.readUInt16LE(h + 26) + buf.readUInt16LE(h + 28);
  const data = buf.subarray(start, start + e.compressedSize);
  if (e.method === 0) return data;
  assert.equal(e.method, 8, `${e.name} is stored or deflated`);
  return inflateRawSync(data);
}

function load(): { buf: Buffer; entries: Entry[]; names: Set<string> } {
  assert.ok(existsSync(VSIX), `${VSIX} is missing: run \`npm run package\` first (\`npm test\` does)`);
  const buf = readFileSync(VSIX);
  const entries = readZip(buf);
  return { buf, entries, names: new Set(entries.map((e) => e.name)) };
}

test('the VSIX holds the bundles, the parser WASM, the rule docs, the README and the config schema', () => {
  const { names } = load();
  const required = [
    'extension/package.json',
    'extension/dist/extension.js',
    'extension/dist/client.js',
    'extension/dist/server.js',
    'extension/dist/cli.js',
    'extension/dist/libpg-query.wasm',
    'extension/readme.md',
    'extension/schemas/schemawise.schema.json',
    'extension/media/diagram/diagram.js',
    'extension/media/diagram/diagram.css',
  ];
  const lower = new Set([...names].map((n) => n.toLowerCase()));
  for (const r of required) assert.ok(lower.has(r), `${r} is in the VSIX`);
  for (const { meta } of RULES) assert.ok(names.has(`extension/docs/rules/${meta.id}.md`), `the doc of \`${meta.id}\` is in the VSIX`);
});

test('the VSIX leaves out node_modules, sources, tests, corpus, sourcemaps and build files', () => {
  const { names } = load();
  const forbidden = [
    /^extension\/node_modules\//,
    /^extension\/(server|client)\/src\//,
    /\.ts$/,
    /^extension\/test\//,
    /^extension\/corpus\//,
    /^extension\/(bench|scripts|examples|out)\//,
    /^extension\/media\/diagram\/(src\/|tsconfig\.json$)/,
    /\.map$/,
    /^extension\/(tsconfig\.json|esbuild\.mjs|package-lock\.json|\.vscodeignore|\.gitignore)$/,
    /^extension\/\.(git|ci|bench)\//,
    /\.vsix$/,
  ];
  const bad = [...names].filter((n) => forbidden.some((re) => re.test(n)));
  assert.deepEqual(bad, []);
});

test('the VSIX is under 5 MB and its manifest points at files it contains', () => {
  const { buf, entries, names } = load();
  assert.ok(buf.length < MAX_BYTES, `VSIX is ${(buf.length / 1024 / 1024).toFixed(2)} MB`);
  const manifest = JSON.parse(contents(buf, entries.find((e) => e.name === 'extension/package.json')!).toString('utf8'));
  assert.ok(names.has(`extension/${manifest.main.replace(/^\.\//, '')}`), `main (${manifest.main}) is packaged`);
  for (const v of manifest.contributes.jsonValidation) assert.ok(names.has(`extension/${v.url.replace(/^\.\//, '')}`), `${v.url} is packaged`);
  if (manifest.icon) assert.ok(names.has(`extension/${manifest.icon}`), `icon ${manifest.icon} is packaged`);
  for (const l of manifest.contributes.languages) if (l.configuration) assert.ok(names.has(`extension/${l.configuration.replace(/^\.\//, '')}`), `${l.configuration} is packaged`);
  for (const g of manifest.contributes.grammars) assert.ok(names.has(`extension/${g.path.replace(/^\.\//, '')}`), `${g.path} is packaged`);
  assert.equal(manifest.capabilities.untrustedWorkspaces.supported, true);
  assert.equal(manifest.capabilities.virtualWorkspaces, false);
  const server = contents(buf, entries.find((e) => e.name === 'extension/dist/server.js')!).toString('utf8');
  assert.ok(server.length > 1000 && !server.includes('sourceMappingURL=data:'), 'server bundle is real and has no inline sourcemap');
});

test('mermaid is bundled into the diagram webview only, not into the extension host', () => {
  const { buf, entries } = load();
  const text = (name: string) => contents(buf, entries.find((e) => e.name === name)!).toString('utf8');
  const webview = text('extension/media/diagram/diagram.js');
  const extension = text('extension/dist/extension.js') + text('extension/dist/client.js');
  // `securityLevel` is mermaid's configuration key: present in its code, absent from ours outside the webview.
  assert.ok(webview.includes('securityLevel') && webview.length > 2_000_000, `the webview bundle holds mermaid (${webview.length} bytes)`);
  assert.ok(!extension.includes('securityLevel') && extension.length < 1_500_000, `the extension bundles do not (${extension.length} bytes)`);
  // Activation loads extension.js alone: a few lines that load the language client after it returns.
  assert.ok(text('extension/dist/extension.js').length < 4_000, 'extension.js is the small entry point');
});

test('package.json contributes the commands, settings and schema the extension uses', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const commands = pkg.contributes.commands.map((c: { command: string }) => c.command).sort();
  assert.deepEqual(commands, ['schemawise.exportErDiagram', 'schemawise.focusErDiagram', 'schemawise.restartServer', 'schemawise.showErDiagram', 'schemawise.showOutput']);
  assert.ok(pkg.activationEvents.includes('onWebviewPanel:schemawise.erDiagram'), 'a diagram panel is restored after a reload');
  const props = pkg.contributes.configuration.properties;
  assert.deepEqual(Object.keys(props).sort(), [
    'schemawise.dialect',
    'schemawise.exclude',
    'schemawise.inlayHints.locks',
    'schemawise.largeTables',
    'schemawise.migrations',
    'schemawise.mysqlVersion',
    'schemawise.postgresVersion',
    'schemawise.reportNotAnalysed',
    'schemawise.rules',
    'schemawise.trace.server',
    'schemawise.typeorm.entities',
    'schemawise.typeorm.namingStrategy',
    'schemawise.workload.include',
  ]);
  assert.deepEqual(props['schemawise.dialect'].enum, ['auto', 'postgresql', 'mysql', 'sqlite']);
  assert.equal(props['schemawise.reportNotAnalysed'].default, false);
  for (const ev of ['onLanguage:sql', 'workspaceContains:**/*.sql']) assert.ok(pkg.activationEvents.includes(ev), ev);
  // Every rule id the engine accepts (aliases included) completes in .schemawise.json, and nothing else.
  const schema = JSON.parse(readFileSync(join(ROOT, 'schemas', 'schemawise.schema.json'), 'utf8'));
  const inSchema = Object.keys(schema.properties.rules.properties).sort();
  assert.deepEqual(inSchema, [...knownRuleIds()].sort());
});
