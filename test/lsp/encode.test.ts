/**
 * The stdio encoder writes ASCII JSON: what a client reads back is exactly the message, characters past U+007F
 * included (escaped), members without a JSON form left out as JSON.stringify leaves them out.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { asciiJson, asciiJsonEncoder } from '../../server/src/lsp/encode';

const diagnostic = (i: number, message: string) => ({
  range: { start: { line: i, character: 0 }, end: { line: i, character: 4 } },
  severity: 2,
  code: 'rule',
  source: 'schemawise',
  message,
  codeDescription: undefined,
  ...(i % 3 === 0 ? { relatedInformation: [{ location: { uri: 'file:///w/s%C3%A9.sql', range: { start: { line: 1, character: 2 }, end: { line: 1, character: 3 } } }, message: 'défini ici' }] } : {}),
});

test('a publish of many diagnostics is written diagnostic by diagnostic, in ASCII, and reads back as the message', () => {
  const messages = ['Foreign key `a(b)` → `c(d)` has no index', 'plain', 'émoji 😀 and — dash', 'quote " backslash \\ newline \n tab \t'];
  const msg = {
    jsonrpc: '2.0',
    method: 'textDocument/publishDiagnostics',
    params: { uri: 'file:///w/schema.sql', version: 7, skipped: undefined, diagnostics: Array.from({ length: 40 }, (_, i) => diagnostic(i, messages[i % messages.length])) },
  };
  const text = asciiJson(msg);
  assert.match(text, /^[\x00-\x7f]*$/, 'ASCII only');
  assert.deepEqual(JSON.parse(text), JSON.parse(JSON.stringify(msg)));
  assert.ok(text.includes('\\u2192') && text.includes('\\ud83d\\ude00'), 'escaped, surrogate pairs as two escapes');
  assert.ok(!text.includes('skipped') && !text.includes('codeDescription'), 'undefined members are left out');
});

test('other messages: ASCII JSON, the same text as JSON.stringify when there is nothing to escape', async () => {
  const plain = { jsonrpc: '2.0', id: 3, result: { contents: { kind: 'markdown', value: 'index `a_b` on `t(a, b)`' } } };
  assert.equal(asciiJson(plain), JSON.stringify(plain));
  const hover = { jsonrpc: '2.0', id: 4, result: { contents: { kind: 'markdown', value: 'a → b' } } };
  assert.deepEqual(JSON.parse(asciiJson(hover)), hover);
  const small = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///w/x.sql', diagnostics: [diagnostic(1, 'x → y')] } };
  assert.deepEqual(JSON.parse(asciiJson(small)), JSON.parse(JSON.stringify(small)));
  const bytes = await asciiJsonEncoder.encode(hover as never, { charset: 'utf-8' });
  assert.deepEqual(JSON.parse(Buffer.from(bytes).toString('utf8')), hover);
});

test('a diagnostic equal to the one published in its place keeps its object (the writer reuses its text)', async () => {
  const { reuseEqual } = await import('../../server/src/lsp/convert');
  const d = (line: number, message = 'm') => ({ range: { start: { line, character: 0 }, end: { line, character: 1 } }, message, severity: 2 as const, code: 'r', source: 's' });
  const prev = [d(1), d(2), d(3), d(9), d(10)];
  // One added in the middle, one changed message: the head and the tail keep their objects, the rest do not.
  const next = [d(1), d(2), d(3, 'changed'), d(5), d(9), d(10)];
  reuseEqual(next, prev);
  assert.deepEqual(
    next.map((x) => prev.indexOf(x)),
    [0, 1, -1, -1, 3, 4],
  );
});

test('the encoder writes the same bytes as the text, for a large publish too', async () => {
  const msg = {
    jsonrpc: '2.0',
    method: 'textDocument/publishDiagnostics',
    params: { uri: 'file:///w/s.sql', version: 2, diagnostics: Array.from({ length: 50 }, (_, i) => diagnostic(i, i % 2 ? 'a → b' : 'plain')) },
  };
  const bytes = Buffer.from(await asciiJsonEncoder.encode(msg as never, { charset: 'utf-8' }));
  assert.equal(bytes.toString('latin1'), asciiJson(msg));
  assert.deepEqual(JSON.parse(bytes.toString('utf8')), JSON.parse(JSON.stringify(msg)));
  assert.equal(asciiJson({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { diagnostics: [] } }), '{"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"diagnostics":[]}}');
});
