/**
 * Round trips with the bundled language server over stdio, as an editor other than VS Code would run it:
 * workspace discovery, diagnostics for a document version, quick fixes applied and re-checked, hover,
 * superseded edits, junk input, watched files, settings and .schemawise.json, multi-root folders, a stdout that
 * carries nothing but the protocol, and the node-ipc transport VS Code uses.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { CodeAction, Diagnostic, Hover, TextEdit } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { codes, parseFrames, TestClient, uri, type StatusParams } from './client';

const ORDERS = `CREATE TABLE customers (id bigint PRIMARY KEY);
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint REFERENCES customers (id));
`;

function applyAction(doc: TextDocument, action: CodeAction): string {
  const edits: TextEdit[] = action.edit?.changes?.[doc.uri] ?? [];
  assert.ok(edits.length > 0, `action "${action.title}" has edits for ${doc.uri}`);
  return TextDocument.applyEdits(doc, edits);
}

function rangeText(doc: TextDocument, d: Diagnostic): string {
  return doc.getText(d.range);
}

describe('language server over stdio', () => {
  let ws: string;
  let lsp: TestClient;

  before(async () => {
    ws = mkdtempSync(join(tmpdir(), 'schemawise-lsp-'));
    mkdirSync(join(ws, 'db'));
    // Stops the upward search for .schemawise.json at the workspace.
    mkdirSync(join(ws, '.git'));
    // On disk, orders.sql holds only the parent table; the open document below overrides it.
    writeFileSync(join(ws, 'db', 'orders.sql'), 'CREATE TABLE customers (id bigint PRIMARY KEY);\n');
    writeFileSync(join(ws, 'db', 'legacy.sql'), 'CREATE TABLE audit_log (at timestamptz, note text);\n');
    mkdirSync(join(ws, 'node_modules', 'pkg'), { recursive: true });
    writeFileSync(join(ws, 'node_modules', 'pkg', 'vendored.sql'), 'CREATE TABLE vendored (a int);\n');
    lsp = TestClient.start('stdio', ws);
    const init = await lsp.initialize(ws);
    assert.equal(init.capabilities.hoverProvider, true);
    assert.ok(init.capabilities.codeActionProvider);
  });

  after(async () => {
    await lsp?.shutdown();
    if (ws) rmSync(ws, { recursive: true, force: true });
  });

  test('files on disk are analysed without being opened; node_modules is skipped', async () => {
    const legacy = await lsp.diagnostics(uri(join(ws, 'db', 'legacy.sql')));
    assert.deepEqual(codes(legacy.diagnostics), ['missing-primary-key']);
    assert.equal(legacy.version, undefined, 'files not open carry no version');
    assert.equal(lsp.published(uri(join(ws, 'node_modules', 'pkg', 'vendored.sql'))).length, 0);
    const status = await lsp.waitFor((e) => e.method === 'schemawise/status' && e.params.state === 'idle' && e.params.files >= 2, 'an idle status');
    const s = status.params as StatusParams;
    assert.ok(s.tables >= 2 && s.ms >= 0, JSON.stringify(s));
  });

  test('hover over a finding explains its rule and links the rule doc', async () => {
    const legacy = uri(join(ws, 'db', 'legacy.sql'));
    const [d] = (await lsp.diagnostics(legacy)).diagnostics;
    const hover = await lsp.request<Hover | null>('textDocument/hover', { textDocument: { uri: legacy }, position: d.range.start });
    assert.ok(hover);
    const contents = hover.contents as { kind: string; value: string };
    assert.equal(contents.kind, 'markdown');
    assert.match(contents.value, /missing-primary-key/);
    assert.match(contents.value, /\(file:\/\/.*missing-primary-key\.md\)/);
  });

  test('an open document overrides the disk; its diagnostics carry its version, rule code and doc link', async () => {
    const doc = lsp.open(uri(join(ws, 'db', 'orders.sql')), ORDERS, 1);
    const pub = await lsp.diagnostics(doc.uri, 1);
    assert.deepEqual(codes(pub.diagnostics), ['unindexed-foreign-key']);
    const d = pub.diagnostics[0];
    assert.equal(rangeText(doc, d), 'customer_id');
    assert.deepEqual(d.range.start, { line: 1, character: ORDERS.split('\n')[1].indexOf('customer_id') });
    assert.equal(d.source, 'schemawise');
    assert.equal(d.severity, 2);
    assert.match(d.codeDescription!.href, /^file:\/\/.*\/docs\/rules\/unindexed-foreign-key\.md$/);
    assert.match(String(d.message), /customer_id/);
  });

  test('the preferred quick fix adds the index, and the finding goes away for the new version', async () => {
    const doc = TextDocument.create(uri(join(ws, 'db', 'orders.sql')), 'sql', 1, ORDERS);
    const [d] = (await lsp.diagnostics(doc.uri, 1)).diagnostics;
    const actions = await lsp.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: doc.uri },
      range: d.range,
      context: { diagnostics: [d], triggerKind: 1 },
    });
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Ignore `unindexed-foreign-key` for this statement'), titles.join(' | '));
    assert.ok(titles.includes('Ignore `unindexed-foreign-key` in this file'), titles.join(' | '));
    const fix = actions.find((a) => a.isPreferred);
    assert.ok(fix, `a preferred fix among: ${titles.join(' | ')}`);
    assert.equal(fix.kind, 'quickfix');
    assert.deepEqual(fix.diagnostics?.map((x) => x.code), ['unindexed-foreign-key']);
    const fixed = applyAction(doc, fix);
    assert.match(fixed, /CREATE INDEX [^;]*ON orders \(customer_id\);/i);

    const since = lsp.nextSeq;
    const v2 = lsp.change(doc, fixed);
    const pub = await lsp.diagnostics(doc.uri, 2, since);
    assert.deepEqual(codes(pub.diagnostics), []);

    // Hover over the new index's name.
    const name = /CREATE INDEX (?:CONCURRENTLY )?(?:IF NOT EXISTS )?("?[\w]+"?)/i.exec(fixed)![1];
    const at = v2.positionAt(fixed.indexOf(name, fixed.indexOf('CREATE INDEX')) + 1);
    const hover = await lsp.request<Hover | null>('textDocument/hover', { textDocument: { uri: doc.uri }, position: at });
    assert.ok(hover, 'hover on the index name');
    const contents = hover.contents as { kind: string; value: string };
    assert.equal(contents.kind, 'markdown');
    assert.match(contents.value, /customer_id/);
  });

  test('related locations, unsafe fixes offered as suggestions, and fix-all of the safe ones', async () => {
    const text = [
      'CREATE TABLE shops (id bigint PRIMARY KEY);',
      'CREATE TABLE items (id bigint PRIMARY KEY, shop_id bigint REFERENCES shops (id), sku text);',
      'CREATE TABLE stock (id bigint PRIMARY KEY, shop_id bigint REFERENCES shops (id));',
      'CREATE INDEX items_sku ON items (sku);',
      'CREATE INDEX items_sku_again ON items (sku);',
      '',
    ].join('\n');
    let doc = lsp.open(uri(join(ws, 'db', 'shop.sql')), text, 1);
    const pub = await lsp.diagnostics(doc.uri, 1);
    assert.deepEqual(codes(pub.diagnostics), ['duplicate-index', 'unindexed-foreign-key', 'unindexed-foreign-key']);
    const dup = pub.diagnostics.find((d) => d.code === 'duplicate-index')!;
    assert.equal(rangeText(doc, dup), 'items_sku_again');
    const rel = dup.relatedInformation ?? [];
    assert.equal(rel.length, 1);
    assert.equal(rel[0].location.uri, doc.uri);
    assert.equal(doc.getText(rel[0].location.range), 'items_sku');

    const actions = await lsp.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: doc.uri }, range: dup.range, context: { diagnostics: [dup] } });
    const suggestion = actions.find((a) => a.title.startsWith('Suggestion: '));
    assert.ok(suggestion, actions.map((a) => a.title).join(' | '));
    assert.notEqual(suggestion.isPreferred, true, 'an unsafe fix is never preferred');

    const [fixAll] = await lsp.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: doc.uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.equal(fixAll?.kind, 'source.fixAll.schemawise');
    const since = lsp.nextSeq;
    doc = lsp.change(doc, applyAction(doc, fixAll));
    const after = await lsp.diagnostics(doc.uri, 2, since);
    assert.deepEqual(codes(after.diagnostics), ['duplicate-index'], 'safe fixes applied, the unsafe one left alone');
    lsp.notify('textDocument/didClose', { textDocument: { uri: doc.uri } });
  });

  test('ignore actions silence the rule for the statement, then for the file', async () => {
    const text = 'CREATE TABLE events (at timestamptz, payload jsonb);\n\nCREATE TABLE hits (url text);\n';
    let doc = lsp.open(uri(join(ws, 'db', 'events.sql')), text, 1);
    let pub = await lsp.diagnostics(doc.uri, 1);
    assert.deepEqual(codes(pub.diagnostics), ['missing-primary-key', 'missing-primary-key']);

    const first = pub.diagnostics.find((d) => rangeText(doc, d) === 'events')!;
    let actions = await lsp.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: doc.uri }, range: first.range, context: { diagnostics: [first] } });
    const ignoreStatement = actions.find((a) => a.title === 'Ignore `missing-primary-key` for this statement')!;
    let since = lsp.nextSeq;
    doc = lsp.change(doc, applyAction(doc, ignoreStatement));
    pub = await lsp.diagnostics(doc.uri, doc.version, since);
    assert.deepEqual(pub.diagnostics.map((d) => rangeText(doc, d)), ['hits']);

    const second = pub.diagnostics[0];
    actions = await lsp.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: doc.uri }, range: second.range, context: { diagnostics: [second] } });
    const ignoreFile = actions.find((a) => a.title === 'Ignore `missing-primary-key` in this file')!;
    since = lsp.nextSeq;
    doc = lsp.change(doc, applyAction(doc, ignoreFile));
    pub = await lsp.diagnostics(doc.uri, doc.version, since);
    assert.deepEqual(pub.diagnostics, []);
    lsp.notify('textDocument/didClose', { textDocument: { uri: doc.uri } });
  });

  test('two quick edits: the newest version is published last', async () => {
    const u = uri(join(ws, 'db', 'burst.sql'));
    let doc = lsp.open(u, 'CREATE TABLE burst (id int PRIMARY KEY);\n', 1);
    await lsp.diagnostics(u, 1);
    const since = lsp.nextSeq;
    doc = lsp.change(doc, 'CREATE TABLE burst (id int);\n'); // v2: missing PK
    doc = lsp.edit(doc, doc.getText().indexOf(')'), doc.getText().indexOf(')'), ' PRIMARY KEY'); // v3: fixed again
    assert.equal(doc.getText(), 'CREATE TABLE burst (id int PRIMARY KEY);\n');
    const v3 = await lsp.diagnostics(u, 3, since);
    assert.deepEqual(v3.diagnostics, []);
    // A request round trip: anything the server still had queued for this file has been sent by now.
    await lsp.request('textDocument/hover', { textDocument: { uri: u }, position: { line: 0, character: 0 } });
    const after = lsp.published(u).slice(lsp.published(u).findIndex((p) => p.version === 3));
    assert.ok(after.every((p) => p.version === 3), `versions after v3: ${after.map((p) => p.version).join(',')}`);
  });

  test('a query file: its finding comes over the protocol, a hover on its table names the index, an edit re-judges it', async () => {
    const schemaText = 'CREATE TABLE tickets (id bigint PRIMARY KEY, status text NOT NULL, subject text NOT NULL, opened_at timestamptz NOT NULL);\nCREATE INDEX tickets_opened_status ON tickets (opened_at, status);\n';
    const q = 'SELECT id FROM tickets WHERE status = $1 AND opened_at > $2;\nSELECT id FROM tickets WHERE id = $1;\n';
    const schemaDoc = lsp.open(uri(join(ws, 'db', 'tickets.sql')), schemaText, 1);
    const qDoc = lsp.open(uri(join(ws, 'queries', 'tickets.sql')), q, 1);
    // The schema file may first be published before the query file was read: wait for the judged one.
    const ev = await lsp.waitFor(
      (e) => e.method === 'textDocument/publishDiagnostics' && e.params.uri === schemaDoc.uri && codes(e.params.diagnostics).includes('composite-index-order'),
      'the index finding',
    );
    const pub = ev.params as { diagnostics: Diagnostic[] };
    assert.deepEqual(codes(pub.diagnostics), ['composite-index-order']);
    assert.equal(rangeText(schemaDoc, pub.diagnostics[0]), 'opened_at, status');
    const at = qDoc.positionAt(q.indexOf('tickets') + 2);
    const hover = await lsp.request<Hover | null>('textDocument/hover', { textDocument: { uri: qDoc.uri }, position: at });
    assert.ok(hover, 'hover on the table of the query');
    assert.match((hover.contents as { value: string }).value, /tickets_opened_status/);
    // The second query changes to a filter no index leads with.
    const since = lsp.nextSeq;
    const q2 = q.replace('WHERE id = $1', 'WHERE subject = $1');
    lsp.change(qDoc, q2);
    const after = await lsp.diagnostics(qDoc.uri, 2, since);
    assert.deepEqual(codes(after.diagnostics), ['query-without-index']);
  });

  test('a Prisma schema and TypeORM entities: findings, a native quick fix, a // suppression, an edit re-checked', async () => {
    const prismaPath = join(ws, 'prisma', 'schema.prisma');
    mkdirSync(join(ws, 'prisma'), { recursive: true });
    mkdirSync(join(ws, 'src', 'entities'), { recursive: true });
    const schema = `datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}

model User {
  id    BigInt @id @default(autoincrement())
  posts Post[]
}

model Post {
  id       BigInt @id @default(autoincrement())
  authorId BigInt
  author   User   @relation(fields: [authorId], references: [id])
}
`;
    writeFileSync(prismaPath, schema);
    writeFileSync(
      join(ws, 'src', 'entities', 'invoice.entity.ts'),
      `import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
@Entity()
export class Invoice {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' }) id: string;
  @Column('float') amount: number;
}
`,
    );
    lsp.notify('workspace/didChangeWatchedFiles', {
      changes: [
        { uri: uri(prismaPath), type: 1 },
        { uri: uri(join(ws, 'src', 'entities', 'invoice.entity.ts')), type: 1 },
      ],
    });
    const entity = await lsp.diagnostics(uri(join(ws, 'src', 'entities', 'invoice.entity.ts')));
    assert.deepEqual(codes(entity.diagnostics), ['float-for-money']);

    const doc = lsp.open(uri(prismaPath), schema, 1, 'prisma');
    const pub = await lsp.diagnostics(doc.uri, 1);
    assert.deepEqual(codes(pub.diagnostics), ['unindexed-foreign-key']);
    const d = pub.diagnostics[0];
    assert.equal(rangeText(doc, d), '[authorId]');
    const actions = await lsp.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: doc.uri }, range: d.range, context: { diagnostics: [d], triggerKind: 1 } });
    const fix = actions.find((a) => a.isPreferred);
    assert.ok(fix, actions.map((a) => a.title).join(' | '));
    assert.equal(fix.title, 'Add `@@index([authorId])` to model `Post`');
    const fixed = applyAction(doc, fix);
    assert.match(fixed, /references: \[id\]\)\n  @@index\(\[authorId\]\)\n\}/);
    const ignore = actions.find((a) => a.title === 'Ignore `unindexed-foreign-key` for this statement');
    assert.match(applyAction(doc, ignore!), /\n  \/\/ schemawise-ignore unindexed-foreign-key\n  author /);

    const since = lsp.nextSeq;
    lsp.change(doc, fixed);
    assert.deepEqual(codes((await lsp.diagnostics(doc.uri, 2, since)).diagnostics), []);
  });

  test('junk and half-typed SQL: no crash, no false findings', async () => {
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256));
    const junk = lsp.open(uri(join(ws, 'db', 'junk.sql')), bytes.toString('latin1') + '\u0000\uffff\ud800', 1);
    const half = lsp.open(uri(join(ws, 'db', 'half.sql')), 'CREATE TABLE half (id bigint PRIMARY KEY, name te', 1);
    const typing = lsp.open(uri(join(ws, 'db', 'typing.sql')), 'CREATE TAB', 1);
    for (const d of [junk, half, typing]) {
      const pub = await lsp.diagnostics(d.uri, 1);
      assert.deepEqual(codes(pub.diagnostics), [], `${d.uri}: ${JSON.stringify(pub.diagnostics)}`);
    }
    const hover = await lsp.request('textDocument/hover', { textDocument: { uri: junk.uri }, position: { line: 0, character: 5 } });
    assert.equal(hover, null);
    assert.equal(lsp.exitInfo, undefined, 'server still running');
  });

  test('files created and deleted on disk are picked up through watched-file events', async () => {
    const path = join(ws, 'db', 'extra.sql');
    writeFileSync(path, 'CREATE TABLE extra (a int);\n');
    let since = lsp.nextSeq;
    lsp.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(path), type: 1 }] });
    let pub = await lsp.diagnostics(uri(path), undefined, since);
    assert.deepEqual(codes(pub.diagnostics), ['missing-primary-key']);
    unlinkSync(path);
    since = lsp.nextSeq;
    lsp.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(path), type: 3 }] });
    pub = await lsp.diagnostics(uri(path), undefined, since);
    assert.deepEqual(pub.diagnostics, []);

    // Deleting a folder reports only the folder.
    const dir = join(ws, 'db', 'sub');
    const nested = join(dir, 'nested.sql');
    mkdirSync(dir);
    writeFileSync(nested, 'CREATE TABLE nested (a int);\n');
    since = lsp.nextSeq;
    lsp.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(nested), type: 1 }] });
    assert.deepEqual(codes((await lsp.diagnostics(uri(nested), undefined, since)).diagnostics), ['missing-primary-key']);
    rmSync(dir, { recursive: true });
    since = lsp.nextSeq;
    lsp.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(dir), type: 3 }] });
    assert.deepEqual((await lsp.diagnostics(uri(nested), undefined, since)).diagnostics, []);
  });

  test('settings: rule severities apply on change; a bad setting is shown once', async () => {
    const legacy = uri(join(ws, 'db', 'legacy.sql'));
    lsp.settings.schemawise = { rules: { 'missing-primary-key': 'error', 'no-such-rule': 'warning' } };
    let since = lsp.nextSeq;
    lsp.notify('workspace/didChangeConfiguration', { settings: null });
    let pub = await lsp.diagnostics(legacy, undefined, since);
    assert.deepEqual(pub.diagnostics.map((d) => d.severity), [1]);
    const warning = await lsp.waitFor((e) => e.method === 'window/showMessage' && /no-such-rule/.test(e.params.message), 'a warning about the unknown rule', { since });
    assert.equal(warning.params.type, 2);

    lsp.settings.schemawise = { rules: { 'missing-primary-key': 'off', 'no-such-rule': 'warning' } };
    since = lsp.nextSeq;
    lsp.notify('workspace/didChangeConfiguration', { settings: null });
    pub = await lsp.diagnostics(legacy, undefined, since);
    assert.deepEqual(pub.diagnostics, []);
    const shown = lsp.events.filter((e) => e.method === 'window/showMessage' && /no-such-rule/.test(e.params.message));
    assert.equal(shown.length, 1, 'shown once per distinct message');
    lsp.settings.schemawise = {};
    since = lsp.nextSeq;
    lsp.notify('workspace/didChangeConfiguration', { settings: null });
    await lsp.diagnostics(legacy, undefined, since);
  });

  test('lock inlay hints in migrations: off by default, on with schemawise.inlayHints.locks, only for tables that existed before the file', async () => {
    lsp.open(uri(join(ws, 'db', 'migrations', '001_init.sql')), 'CREATE TABLE parcels (id bigint PRIMARY KEY, weight int);\n', 1);
    const text = 'ALTER TABLE parcels ALTER COLUMN weight TYPE bigint;\nCREATE TABLE boxes (id bigint PRIMARY KEY, size int);\nCREATE INDEX boxes_size ON boxes (size);\n';
    const doc = lsp.open(uri(join(ws, 'db', 'migrations', '002_change.sql')), text, 1);
    await lsp.diagnostics(doc.uri, 1);
    const range = { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } };
    assert.deepEqual(await lsp.request('textDocument/inlayHint', { textDocument: { uri: doc.uri }, range }), []);
    lsp.settings.schemawise = { inlayHints: { locks: true } };
    lsp.notify('workspace/didChangeConfiguration', { settings: null });
    // A client-only setting changes no analysis: ask until the server has pulled it (each ask is a round trip).
    type Hint = { position: { line: number; character: number }; label: string };
    let hints: Hint[] = [];
    for (let i = 0; i < 200 && hints.length === 0; i++) hints = await lsp.request<Hint[]>('textDocument/inlayHint', { textDocument: { uri: doc.uri }, range });
    // One hint, after the ALTER's `;`; the new table's statements take no lock anyone waits for.
    assert.deepEqual(hints.map((h) => [h.position, h.label]), [[{ line: 0, character: 52 }, ' ACCESS EXCLUSIVE · rewrite']]);
    lsp.settings.schemawise = {};
    lsp.notify('workspace/didChangeConfiguration', { settings: null });
  });

  test('schemawise.exclude (relative to the folder) drops files from the analysis', async () => {
    mkdirSync(join(ws, 'gen'), { recursive: true });
    const path = join(ws, 'gen', 'generated.sql');
    writeFileSync(path, 'CREATE TABLE generated (a int);\n');
    let since = lsp.nextSeq;
    lsp.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(path), type: 1 }] });
    assert.deepEqual(codes((await lsp.diagnostics(uri(path), undefined, since)).diagnostics), ['missing-primary-key']);
    lsp.settings.schemawise = { exclude: ['gen/**'] };
    since = lsp.nextSeq;
    lsp.notify('workspace/didChangeConfiguration', { settings: null });
    assert.deepEqual((await lsp.diagnostics(uri(path), undefined, since)).diagnostics, []);
    // Events for excluded files are ignored too.
    lsp.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(path), type: 2 }] });
    lsp.settings.schemawise = {};
    unlinkSync(path);
    since = lsp.nextSeq;
    lsp.notify('workspace/didChangeConfiguration', { settings: null });
    await lsp.waitFor((e) => e.method === 'schemawise/status' && e.params.state === 'idle', 'a run after the reset', { since });
    assert.equal(lsp.published(uri(path)).length, 2);
  });

  test('.schemawise.json is layered over the settings and followed through watched-file events', async () => {
    const legacy = uri(join(ws, 'db', 'legacy.sql'));
    const configPath = join(ws, '.schemawise.json');
    const severity = async (since: number) => (await lsp.diagnostics(legacy, undefined, since)).diagnostics.map((d) => d.severity);
    lsp.settings.schemawise = { rules: { 'missing-primary-key': 'error' } };
    let since = lsp.nextSeq;
    lsp.notify('workspace/didChangeConfiguration', { settings: null });
    assert.deepEqual(await severity(since), [1]);

    writeFileSync(configPath, '{\n  // comments are fine\n  "rules": { "missing-primary-key": "info" },\n}\n');
    since = lsp.nextSeq;
    lsp.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(configPath), type: 1 }] });
    assert.deepEqual(await severity(since), [3], 'the file wins over the settings');

    writeFileSync(configPath, '{ "rules": { "missing-primary-key": "loud" } }');
    since = lsp.nextSeq;
    lsp.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(configPath), type: 2 }] });
    assert.deepEqual(await severity(since), [1], 'a bad entry is ignored; the settings apply again');
    await lsp.waitFor((e) => e.method === 'window/showMessage' && /\.schemawise\.json/.test(e.params.message) && /loud/.test(e.params.message), 'a warning naming the file', { since });

    unlinkSync(configPath);
    lsp.settings.schemawise = {};
    since = lsp.nextSeq;
    lsp.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(configPath), type: 3 }] });
    lsp.notify('workspace/didChangeConfiguration', { settings: null });
    assert.deepEqual(await severity(since), [2]);
  });

  test('stdout carries JSON-RPC frames only; nothing went to the error log', async () => {
    await lsp.request('textDocument/hover', { textDocument: { uri: uri(join(ws, 'db', 'legacy.sql')) }, position: { line: 0, character: 0 } });
    const frames = parseFrames(Buffer.concat(lsp.stdout));
    assert.ok(frames.length > 10);
    const errors = lsp.events.filter((e) => e.method === 'window/logMessage' && e.params.type === 1);
    assert.deepEqual(errors.map((e) => e.params.message), []);
  });
});

describe('multi-root workspaces', () => {
  test('each folder is its own schema with its own .schemawise.json', async () => {
    const root = mkdtempSync(join(tmpdir(), 'schemawise-roots-'));
    const [a, b] = [join(root, 'a'), join(root, 'b')];
    for (const dir of [a, b]) {
      mkdirSync(join(dir, '.git'), { recursive: true });
      // Merged into one schema, the two indexes on x(n) would be duplicates.
      writeFileSync(join(dir, 'schema.sql'), `CREATE TABLE x (id bigint PRIMARY KEY, n int);\nCREATE INDEX x_n_${dir === a ? 'a' : 'b'} ON x (n);\nCREATE TABLE loose (v int);\n`);
    }
    writeFileSync(join(a, '.schemawise.json'), '{ "rules": { "missing-primary-key": "off" } }');
    const lsp = TestClient.start('stdio', root);
    try {
      await lsp.initialize(a, { workspaceFolders: [{ uri: uri(a), name: 'a' }, { uri: uri(b), name: 'b' }] });
      const inB = await lsp.diagnostics(uri(join(b, 'schema.sql')));
      assert.deepEqual(codes(inB.diagnostics), ['missing-primary-key'], 'no duplicate-index across folders');
      await lsp.waitFor((e) => e.method === 'schemawise/status' && e.params.state === 'idle' && e.params.files === 2, 'both folders analysed');
      assert.deepEqual(lsp.published(uri(join(a, 'schema.sql'))).flatMap((p) => codes(p.diagnostics)), [], 'folder a turned the rule off');
    } finally {
      await lsp.shutdown();
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('language server over node-ipc', () => {
  test('initialises and publishes diagnostics (the transport VS Code uses)', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'schemawise-ipc-'));
    writeFileSync(join(ws, 'a.sql'), 'CREATE TABLE a (x int);\n');
    const lsp = TestClient.start('ipc', ws);
    try {
      await lsp.initialize(ws);
      const pub = await lsp.diagnostics(uri(join(ws, 'a.sql')));
      assert.deepEqual(codes(pub.diagnostics), ['missing-primary-key']);
      assert.equal(Buffer.concat(lsp.stdout).length, 0, 'nothing on stdout');
    } finally {
      await lsp.shutdown();
      rmSync(ws, { recursive: true, force: true });
    }
  });
});
