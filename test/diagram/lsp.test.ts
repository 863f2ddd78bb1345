/**
 * `schemawise/erDiagram` and `schemawise/modelChanged` over stdio with the bundled server: the diagram of the
 * workspace with URIs and ranges, focus, notifications only once a diagram was asked for, the last readable model
 * kept while a statement is half typed, and parameters that cannot hurt the server.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { ErDiagramResult } from '../../server/src/lsp/diagram-protocol';
import { TestClient, uri } from '../lsp/client';

const SCHEMA = `CREATE TABLE customers (
  id bigint PRIMARY KEY,
  email text NOT NULL
);
CREATE TABLE orders (
  id bigint PRIMARY KEY,
  customer_id bigint NOT NULL REFERENCES customers (id)
);
`;

describe('the ER diagram over the language server protocol', () => {
  let ws: string;
  let lsp: TestClient;
  let file: string;

  before(async () => {
    ws = mkdtempSync(join(tmpdir(), 'schemawise-diagram-'));
    mkdirSync(join(ws, '.git'));
    mkdirSync(join(ws, 'db'));
    file = join(ws, 'db', 'schema.sql');
    writeFileSync(file, SCHEMA);
    lsp = TestClient.start('stdio', ws);
    await lsp.initialize(ws);
    await lsp.waitFor((e) => e.method === 'schemawise/status' && e.params.state === 'idle' && e.params.tables === 2, 'the first analysis');
  });

  after(async () => {
    await lsp?.shutdown();
    if (ws) rmSync(ws, { recursive: true, force: true });
  });

  const diagram = (params: object = {}) => lsp.request<ErDiagramResult>('schemawise/erDiagram', params);

  test('answers with the workspace diagram, located in URIs and ranges', async () => {
    assert.equal(lsp.events.filter((e) => e.method === 'schemawise/modelChanged').length, 0, 'no notification before a diagram was asked for');
    const r = await diagram();
    assert.equal(r.root, uri(ws));
    assert.deepEqual(r.diagram.entities.map((e) => e.name), ['customers', 'orders']);
    const orders = r.diagram.entities[1];
    assert.deepEqual(orders.nameLoc, { uri: uri(file), range: { start: { line: 4, character: 13 }, end: { line: 4, character: 19 } } });
    assert.deepEqual(orders.columns[1].loc.range.start, { line: 6, character: 2 });
    assert.deepEqual(
      r.diagram.relations.map((x) => [x.from, x.to, x.toCardinality, x.fromCardinality]),
      [['orders', 'customers', 'one', 'many']],
    );
    assert.equal(orders.findings.count, 1, 'unindexed-foreign-key');
    assert.equal(orders.findings.items[0].loc.uri, uri(file));
    const focused = await diagram({ uri: uri(file), focus: 'customers', hops: 1 });
    assert.deepEqual(focused.diagram.focus, { key: 'customers', hops: 1 });
  });

  test('notifies model changes, keeps the last readable model while a statement is half typed', async () => {
    let doc = lsp.open(uri(file), SCHEMA, 1);
    const since = lsp.events.length;
    doc = lsp.edit(doc, SCHEMA.indexOf('  email'), SCHEMA.indexOf('  email'), '  name text,\n');
    await lsp.waitFor((e) => e.method === 'schemawise/modelChanged' && e.params.root === uri(ws), 'modelChanged', { since });
    let r = await diagram({ uri: uri(file) });
    assert.deepEqual(r.diagram.entities[0].columns.map((c) => c.name), ['id', 'name', 'email']);
    assert.equal(r.stale, undefined);

    const typing = 'CREATE TABLE invoices (id bigint PRIMARY KEY, customer_id bigint REFERENCES';
    const before = lsp.events.length;
    doc = lsp.edit(doc, doc.getText().length, doc.getText().length, typing);
    await lsp.waitFor((e) => e.method === 'schemawise/modelChanged', 'modelChanged', { since: before });
    r = await diagram({ uri: uri(file) });
    assert.ok(r.stale, 'the half-typed statement is reported');
    assert.equal(r.stale!.uri, uri(file));
    assert.equal(r.stale!.line, doc.positionAt(doc.getText().indexOf('CREATE TABLE invoices')).line);
    assert.deepEqual(r.diagram.entities.map((e) => e.name), ['customers', 'orders'], 'the diagram is the readable one');

    const accepted = await diagram({ uri: uri(file), acceptUnreadable: true });
    assert.equal(accepted.stale, undefined, 'accepted as it is');

    const done = lsp.events.length;
    doc = lsp.edit(doc, doc.getText().length, doc.getText().length, ' customers (id));\n');
    await lsp.waitFor((e) => e.method === 'schemawise/modelChanged', 'modelChanged', { since: done });
    r = await diagram({ uri: uri(file) });
    assert.equal(r.stale, undefined);
    assert.deepEqual(r.diagram.entities.map((e) => e.name), ['customers', 'orders', 'invoices']);
  });

  test('odd parameters get an answer, never an error', async () => {
    for (const params of [null, { uri: 'not a uri' }, { focus: 42, hops: 'x' }, { uri: uri(join(ws, 'elsewhere.sql')), focus: 'nope' }]) {
      const r = await lsp.request<ErDiagramResult | null>('schemawise/erDiagram', params);
      assert.ok(r === null || Array.isArray(r.diagram.entities), JSON.stringify(params));
    }
  });
});
